import { type Cache, type CacheEntry } from '../../../../datasources/cache/Cache';
import { cachedBatch } from '../../../../datasources/cache/cachedBatch';
import { CACHE_SCHEMA_VERSION, cacheKey } from '../../../../datasources/cache/cacheKeys';
import { LruCache } from '../../../../datasources/cache/LruCache';

interface Work {
  readonly id: string;
  readonly title: string;
}

/** A hand-written Cache over a Map that records every call. */
class RecordingCache implements Cache {
  readonly backend = 'lru' as const;
  readonly store = new Map<string, string>();
  readonly gets: string[][] = [];
  readonly sets: CacheEntry[][] = [];

  async getMany(keys: readonly string[]): Promise<(string | undefined)[]> {
    this.gets.push([...keys]);
    return keys.map((key) => this.store.get(key));
  }

  async setMany(entries: readonly CacheEntry[]): Promise<void> {
    this.sets.push([...entries]);
    for (const e of entries) this.store.set(e.key, e.value);
  }

  async delete(keys: readonly string[]): Promise<void> {
    for (const key of keys) this.store.delete(key);
  }

  async deleteByPrefix(prefixes: readonly string[]): Promise<void> {
    for (const key of [...this.store.keys()]) if (prefixes.some((p) => key.startsWith(p))) this.store.delete(key);
  }

  async close(): Promise<void> {
    this.store.clear();
  }
}

/** A `load` over a fixed table that records which ids it was asked for. */
function tableLoader(table: Readonly<Record<string, Work>>) {
  const calls: string[][] = [];
  const load = async (missing: readonly string[]): Promise<(Work | null)[]> => {
    calls.push([...missing]);
    return missing.map((id) => table[id] ?? null);
  };
  return { load, calls };
}

const W1: Work = { id: 'W1', title: 'One' };
const W2: Work = { id: 'W2', title: 'Two' };
const W3: Work = { id: 'W3', title: 'Three' };
const TABLE = { W1, W2, W3 };

describe('cacheKey', () => {
  it('spells gw:v<version>:<entity>:<id>', () => {
    expect(cacheKey('work', 'W1')).toBe(`gw:v${CACHE_SCHEMA_VERSION}:work:W1`);
    expect(cacheKey('author', 'A5')).toBe(`gw:v${CACHE_SCHEMA_VERSION}:author:A5`);
  });

  it('separates entities and ids', () => {
    expect(cacheKey('work', 'W1')).not.toBe(cacheKey('author', 'W1'));
    expect(cacheKey('work', 'W1')).not.toBe(cacheKey('work', 'W10'));
  });

  it('has a positive integer schema version', () => {
    expect(Number.isInteger(CACHE_SCHEMA_VERSION)).toBe(true);
    expect(CACHE_SCHEMA_VERSION).toBeGreaterThan(0);
  });
});

describe('cachedBatch with a recording fake cache', () => {
  it('loads all misses in one call, stores what was found under versioned keys, and aligns results with ids', async () => {
    const cache = new RecordingCache();
    const { load, calls } = tableLoader(TABLE);
    const result = await cachedBatch(cache, 'work', 300, ['W2', 'W9', 'W1'], load);
    expect(result).toEqual([W2, null, W1]);
    expect(calls).toEqual([['W2', 'W9', 'W1']]);
    expect(cache.gets).toEqual([[cacheKey('work', 'W2'), cacheKey('work', 'W9'), cacheKey('work', 'W1')]]);
    // Nulls are not stored: W9 is looked up again next time.
    expect(cache.sets).toHaveLength(1);
    expect(cache.sets[0]).toEqual([
      { key: cacheKey('work', 'W2'), value: JSON.stringify(W2), ttlSeconds: 300 },
      { key: cacheKey('work', 'W1'), value: JSON.stringify(W1), ttlSeconds: 300 },
    ]);
    expect(cache.store.has(cacheKey('work', 'W9'))).toBe(false);
  });

  it('serves hits from the cache and loads only the missing ids', async () => {
    const cache = new RecordingCache();
    cache.store.set(cacheKey('work', 'W1'), JSON.stringify({ id: 'W1', title: 'cached title' }));
    const { load, calls } = tableLoader(TABLE);
    const result = await cachedBatch(cache, 'work', 60, ['W3', 'W1', 'W2'], load);
    // W1 comes from the cache (its cached title, not the table's), the others from load.
    expect(result).toEqual([W3, { id: 'W1', title: 'cached title' }, W2]);
    expect(calls).toEqual([['W3', 'W2']]);
    expect(cache.sets).toEqual([
      [
        { key: cacheKey('work', 'W3'), value: JSON.stringify(W3), ttlSeconds: 60 },
        { key: cacheKey('work', 'W2'), value: JSON.stringify(W2), ttlSeconds: 60 },
      ],
    ]);
  });

  it('does not call load when every id is cached', async () => {
    const cache = new RecordingCache();
    cache.store.set(cacheKey('work', 'W1'), JSON.stringify(W1));
    cache.store.set(cacheKey('work', 'W2'), JSON.stringify(W2));
    const { load, calls } = tableLoader(TABLE);
    await expect(cachedBatch(cache, 'work', 60, ['W2', 'W1'], load)).resolves.toEqual([W2, W1]);
    expect(calls).toEqual([]);
    expect(cache.sets.flat()).toEqual([]);
  });

  it('answers an empty batch with an empty array without loading', async () => {
    const cache = new RecordingCache();
    const { load, calls } = tableLoader(TABLE);
    await expect(cachedBatch(cache, 'work', 60, [], load)).resolves.toEqual([]);
    expect(calls).toEqual([]);
  });

  it('treats entries of another entity as misses', async () => {
    const cache = new RecordingCache();
    cache.store.set(cacheKey('author', 'W1'), JSON.stringify({ id: 'W1', title: 'wrong entity' }));
    const { load, calls } = tableLoader(TABLE);
    await expect(cachedBatch(cache, 'work', 60, ['W1'], load)).resolves.toEqual([W1]);
    expect(calls).toEqual([['W1']]);
  });

  it('treats a missing slot of a short load result as null', async () => {
    const cache = new RecordingCache();
    const result = await cachedBatch<Work>(cache, 'work', 60, ['W1', 'W2'], async () => [W1]);
    expect(result).toEqual([W1, null]);
    expect(cache.sets.flat().map((e) => e.key)).toEqual([cacheKey('work', 'W1')]);
  });

  it('propagates a load failure and stores nothing', async () => {
    const cache = new RecordingCache();
    const failure = new Error('database down');
    await expect(
      cachedBatch<Work>(cache, 'work', 60, ['W1'], async () => {
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(cache.store.size).toBe(0);
  });
});

describe('cachedBatch with LruCache', () => {
  it('reads through: the second batch is served from the cache, and only new ids are loaded', async () => {
    const cache = new LruCache();
    const { load, calls } = tableLoader(TABLE);
    await expect(cachedBatch(cache, 'work', 60, ['W1', 'W2'], load)).resolves.toEqual([W1, W2]);
    await expect(cachedBatch(cache, 'work', 60, ['W2', 'W3', 'W1'], load)).resolves.toEqual([W2, W3, W1]);
    expect(calls).toEqual([['W1', 'W2'], ['W3']]);
    await expect(cache.getMany([cacheKey('work', 'W1'), cacheKey('work', 'W3')])).resolves.toEqual([JSON.stringify(W1), JSON.stringify(W3)]);
  });

  it('does not cache nulls: an unknown id is loaded again each time', async () => {
    const cache = new LruCache();
    const { load, calls } = tableLoader(TABLE);
    await expect(cachedBatch(cache, 'work', 60, ['W404'], load)).resolves.toEqual([null]);
    await expect(cachedBatch(cache, 'work', 60, ['W404'], load)).resolves.toEqual([null]);
    expect(calls).toEqual([['W404'], ['W404']]);
    await expect(cache.getMany([cacheKey('work', 'W404')])).resolves.toEqual([undefined]);
  });

  it('never reads entries stored under another schema version or an unversioned key', async () => {
    const cache = new LruCache();
    const stale = JSON.stringify({ id: 'W1', title: 'stale shape' });
    await cache.setMany([
      { key: `gw:v${CACHE_SCHEMA_VERSION - 1}:work:W1`, value: stale, ttlSeconds: 60 },
      { key: `gw:v${CACHE_SCHEMA_VERSION + 1}:work:W1`, value: stale, ttlSeconds: 60 },
      { key: 'gw:work:W1', value: stale, ttlSeconds: 60 },
      { key: 'W1', value: stale, ttlSeconds: 60 },
    ]);
    const { load, calls } = tableLoader(TABLE);
    await expect(cachedBatch(cache, 'work', 60, ['W1'], load)).resolves.toEqual([W1]);
    expect(calls).toEqual([['W1']]);
  });

  it('loads again once the cached entry has expired', async () => {
    const cache = new LruCache();
    const { load, calls } = tableLoader(TABLE);
    await cachedBatch(cache, 'work', 0.05, ['W1'], load);
    await cachedBatch(cache, 'work', 0.05, ['W1'], load);
    expect(calls).toEqual([['W1']]);
    await new Promise((resolve) => setTimeout(resolve, 120));
    await expect(cachedBatch(cache, 'work', 0.05, ['W1'], load)).resolves.toEqual([W1]);
    expect(calls).toEqual([['W1'], ['W1']]);
  });
});
