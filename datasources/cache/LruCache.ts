import { LRUCache } from 'lru-cache';
import type { Cache, CacheEntry } from './Cache';

/** In-process LRU cache with per-entry TTLs (the default when REDIS_URL is unset). */
export class LruCache implements Cache {
  readonly backend = 'lru' as const;
  private readonly lru: LRUCache<string, string>;

  constructor(maxEntries = 50_000) {
    this.lru = new LRUCache<string, string>({ max: maxEntries, ttlAutopurge: false });
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

  async close(): Promise<void> {
    this.lru.clear();
  }
}
