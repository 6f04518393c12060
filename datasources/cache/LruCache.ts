import { LRUCache } from 'lru-cache';
import type { Cache, CacheEntry } from './Cache';
import { type CacheChange, type CacheChanges, LocalChanges } from './CacheChanges';

/** Memory an entry takes besides its text: the map slot, the node, the TTL bookkeeping (an estimate). */
const ENTRY_OVERHEAD_BYTES = 96;

/** How often expired entries are dropped even if nobody reads them again. */
const PURGE_INTERVAL_MS = 60_000;

/** The memory an entry of `key` and `value` is counted as: two bytes per UTF-16 code unit plus the overhead. */
export function entryBytes(key: string, value: string): number {
  return 2 * (key.length + value.length) + ENTRY_OVERHEAD_BYTES;
}

/**
 * In-process LRU cache with per-entry TTLs (the default when REDIS_URL is unset), bounded in bytes: entries are
 * counted at `entryBytes`, the least recently used are evicted once the total would pass `maxBytes`, an entry
 * larger than a tenth of the bound is not stored, and expired entries are dropped every minute whether or not
 * anyone reads them again (`purgeStale`), so memory follows the live entries.
 */
export class LruCache implements Cache, CacheChanges {
  readonly backend = 'lru' as const;
  private readonly changes = new LocalChanges();
  private readonly lru: LRUCache<string, string>;
  private readonly purge: NodeJS.Timeout;

  constructor(readonly maxBytes = 64 * 1024 * 1024) {
    this.lru = new LRUCache<string, string>({
      maxSize: maxBytes,
      maxEntrySize: Math.max(1, Math.floor(maxBytes / 10)),
      sizeCalculation: (value, key) => entryBytes(key, value),
      ttlAutopurge: false,
    });
    this.purge = setInterval(() => this.lru.purgeStale(), PURGE_INTERVAL_MS).unref();
  }

  /** This process is the only one sharing the LRU: its watchers hear at once. */
  async announce(key: string, value: string): Promise<void> {
    this.changes.emit({ kind: 'set', key, value });
  }

  watch(listener: (change: CacheChange) => void): () => void {
    return this.changes.watch(listener);
  }

  /** Bytes the live entries are counted as (at most `maxBytes`). */
  get bytes(): number {
    return this.lru.calculatedSize;
  }

  /** Entries held now (expired ones not yet purged included). */
  get entries(): number {
    return this.lru.size;
  }

  async getMany(keys: readonly string[]): Promise<(string | undefined)[]> {
    return keys.map((key) => this.lru.get(key));
  }

  async setMany(entries: readonly CacheEntry[]): Promise<void> {
    for (const { key, value, ttlSeconds } of entries) this.lru.set(key, value, { ttl: ttlSeconds * 1000 });
  }

  async delete(keys: readonly string[]): Promise<void> {
    for (const key of keys) this.lru.delete(key);
  }

  async deleteByPrefix(prefixes: readonly string[]): Promise<void> {
    if (prefixes.length === 0) return;
    for (const key of [...this.lru.keys()]) if (prefixes.some((p) => key.startsWith(p))) this.lru.delete(key);
  }

  /** Drops expired entries now (also done every minute). */
  purgeStale(): void {
    this.lru.purgeStale();
  }

  async close(): Promise<void> {
    clearInterval(this.purge);
    this.lru.clear();
  }
}
