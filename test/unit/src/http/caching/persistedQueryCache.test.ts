import type { Cache, CacheEntry } from '../../../../../datasources/cache/Cache';
import { cacheKey } from '../../../../../datasources/cache/cacheKeys';
import { LruCache } from '../../../../../datasources/cache/LruCache';
import { PersistedDocuments } from '../../../../../src/http/limits/PersistedDocuments';
import { APQ_TTL_SECONDS, createPersistedQueryCache } from '../../../../../src/http/caching/persistedQueryCache';

/** A Redis stand-in that records what it is asked. */
class RecordingRedis implements Cache {
  readonly backend = 'redis' as const;
  readonly values = new Map<string, string>();
  readonly sets: CacheEntry[] = [];
  async getMany(keys: readonly string[]) {
    return keys.map((k) => this.values.get(k));
  }
  async setMany(entries: readonly CacheEntry[]) {
    for (const e of entries) {
      this.sets.push(e);
      this.values.set(e.key, e.value);
    }
  }
  async delete(keys: readonly string[]) {
    for (const k of keys) this.values.delete(k);
  }
  async deleteByPrefix(prefixes: readonly string[]) {
    for (const k of [...this.values.keys()]) if (prefixes.some((p) => k.startsWith(p))) this.values.delete(k);
  }
  async close() {}
}

// Apollo prefixes APQ keys with "apq:" before they reach the cache.
const key = (hash: string) => `apq:${hash}`;
const documents = new PersistedDocuments([['h-listed', '{ listed }']]);

describe('createPersistedQueryCache', () => {
  it('persisted-only: serves the persisted documents and ignores registrations', async () => {
    const cache = createPersistedQueryCache({ cache: new LruCache(), documents, persistedOnly: true, memoryBytes: 1024 * 1024 });
    expect(await cache.get(key('h-listed'))).toBe('{ listed }');
    await cache.set(key('h-new'), '{ other }', { ttl: 60 });
    expect(await cache.get(key('h-new'))).toBeUndefined();
  });

  it('persisted-only without documents is a programming error', () => {
    expect(() => createPersistedQueryCache({ cache: new LruCache(), documents: undefined, persistedOnly: true, memoryBytes: 1024 * 1024 })).toThrow(/needs persisted documents/);
  });

  it('in process: keeps registrations in its own LRU, never in the gateway read cache', async () => {
    const gatewayCache = new LruCache();
    const cache = createPersistedQueryCache({ cache: gatewayCache, documents: undefined, persistedOnly: false, memoryBytes: 1024 * 1024 });
    await cache.set(key('h1'), '{ a }', { ttl: 60 });
    expect(await cache.get(key('h1'))).toBe('{ a }');
    expect(await gatewayCache.getMany([key('h1'), cacheKey('apq', 'h1')])).toEqual([undefined, undefined]);
    await cache.delete(key('h1'));
    expect(await cache.get(key('h1'))).toBeUndefined();
  });

  it('with Redis: stores registrations under the gateway key scheme with the TTL', async () => {
    const redis = new RecordingRedis();
    const cache = createPersistedQueryCache({ cache: redis, documents: undefined, persistedOnly: false, memoryBytes: 1024 * 1024 });
    await cache.set(key('h1'), '{ a }', { ttl: 120 });
    await cache.set(key('h2'), '{ b }');
    expect(redis.sets).toEqual([
      { key: cacheKey('apq', 'h1'), value: '{ a }', ttlSeconds: 120 },
      { key: cacheKey('apq', 'h2'), value: '{ b }', ttlSeconds: APQ_TTL_SECONDS },
    ]);
    expect(await cache.get(key('h1'))).toBe('{ a }');
  });

  it('with documents but not persisted-only: documents answer first, other queries can still register', async () => {
    const redis = new RecordingRedis();
    const cache = createPersistedQueryCache({ cache: redis, documents, persistedOnly: false, memoryBytes: 1024 * 1024 });
    expect(await cache.get(key('h-listed'))).toBe('{ listed }');
    await cache.set(key('h-listed'), '{ listed }', { ttl: 60 });
    expect(redis.sets).toEqual([]);
    await cache.set(key('h-new'), '{ new }', { ttl: 60 });
    expect(await cache.get(key('h-new'))).toBe('{ new }');
  });
});
