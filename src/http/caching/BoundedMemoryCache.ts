import { LRUCache } from 'lru-cache';

/** How often expired entries are dropped even if nobody asks for them again. */
const PURGE_INTERVAL_MS = 60_000;

export interface BoundedMemoryCacheOptions<V> {
  /** Bound on the entries' total size (`sizeOf`), in bytes. */
  readonly maxBytes: number;
  /** An entry's size in bytes, estimated. */
  readonly sizeOf: (value: V, key: string) => number;
  /** TTL of an entry set without one, in seconds (none: entries live until evicted). */
  readonly defaultTtlSeconds?: number;
}

/**
 * An in-process key-value cache bounded in bytes — Apollo Server's KeyValueCache interface (`get`/`set` with a TTL
 * in seconds/`delete`), for the stores Apollo keeps in memory: registered persisted queries without Redis, and
 * parsed documents. The least recently used entries go once the total would pass `maxBytes`; an entry larger than
 * the bound is not kept; expired entries are dropped every minute. `bytes` and `maxBytes` feed
 * gateway_cache_bytes / gateway_cache_max_bytes.
 */
export class BoundedMemoryCache<V extends object | string> {
  private readonly lru: LRUCache<string, V>;
  readonly maxBytes: number;

  constructor(private readonly options: BoundedMemoryCacheOptions<V>) {
    this.maxBytes = options.maxBytes;
    this.lru = new LRUCache<string, V>({ maxSize: options.maxBytes, sizeCalculation: (value, key) => Math.max(1, options.sizeOf(value, key)) });
    setInterval(() => this.lru.purgeStale(), PURGE_INTERVAL_MS).unref();
  }

  get bytes(): number {
    return this.lru.calculatedSize;
  }

  async get(key: string): Promise<V | undefined> {
    return this.lru.get(key);
  }

  async set(key: string, value: V, options?: { ttl?: number | null }): Promise<void> {
    const ttlSeconds = options?.ttl ?? this.options.defaultTtlSeconds;
    // lru-cache refuses (silently) an entry larger than maxSize: it is simply not kept.
    this.lru.set(key, value, ttlSeconds === undefined || ttlSeconds === null ? {} : { ttl: ttlSeconds * 1000 });
  }

  async delete(key: string): Promise<boolean> {
    return this.lru.delete(key);
  }
}
