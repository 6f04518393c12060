/** One value to store in a cache, with its time to live. */
export interface CacheEntry {
  readonly key: string;
  readonly value: string;
  readonly ttlSeconds: number;
}

/**
 * The cross-request read cache (Redis, or an in-process LRU when REDIS_URL is unset). Values are JSON
 * strings. A cache failure never fails a read: implementations answer "miss" and keep going.
 */
export interface Cache {
  readonly backend: 'redis' | 'lru';
  /** One slot per key, in key order; `undefined` for a miss. */
  getMany(keys: readonly string[]): Promise<(string | undefined)[]>;
  setMany(entries: readonly CacheEntry[]): Promise<void>;
  delete(keys: readonly string[]): Promise<void>;
  /**
   * Deletes every key starting with one of `prefixes` (families of keys that cannot be listed, such as one
   * subject's trend series for every range). Walks the key space: meant for writes, which are rare.
   */
  deleteByPrefix(prefixes: readonly string[]): Promise<void>;
  close(): Promise<void>;
}
