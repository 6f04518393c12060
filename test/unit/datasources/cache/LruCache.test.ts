import { entryBytes, LruCache } from '../../../../datasources/cache/LruCache';

// lru-cache captures the global `performance` object when it is first loaded, and jest's fake timers replace
// that global with a new object: faking time would not age entries. TTL expiry is therefore checked with a tiny
// TTL (fractions of a second) and a short real wait.
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

describe('LruCache', () => {
  it('is the lru backend', () => {
    expect(new LruCache().backend).toBe('lru');
  });

  it('answers one slot per key in key order, undefined for a miss', async () => {
    const cache = new LruCache();
    await cache.setMany([
      { key: 'b', value: '"B"', ttlSeconds: 60 },
      { key: 'a', value: '"A"', ttlSeconds: 60 },
    ]);
    await expect(cache.getMany(['a', 'missing', 'b', 'a'])).resolves.toEqual(['"A"', undefined, '"B"', '"A"']);
    await expect(cache.getMany([])).resolves.toEqual([]);
  });

  it('overwrites a key that is set again', async () => {
    const cache = new LruCache();
    await cache.setMany([{ key: 'k', value: '1', ttlSeconds: 60 }]);
    await cache.setMany([{ key: 'k', value: '2', ttlSeconds: 60 }]);
    await expect(cache.getMany(['k'])).resolves.toEqual(['2']);
  });

  it('deletes the given keys only', async () => {
    const cache = new LruCache();
    await cache.setMany([
      { key: 'a', value: '1', ttlSeconds: 60 },
      { key: 'b', value: '2', ttlSeconds: 60 },
    ]);
    await cache.delete(['a', 'never-set']);
    await expect(cache.getMany(['a', 'b'])).resolves.toEqual([undefined, '2']);
  });

  it('forgets everything on close', async () => {
    const cache = new LruCache();
    await cache.setMany([{ key: 'a', value: '1', ttlSeconds: 60 }]);
    await cache.close();
    await expect(cache.getMany(['a'])).resolves.toEqual([undefined]);
  });

  it('evicts the least recently used entries once their bytes would pass maxBytes', async () => {
    const value = 'v'.repeat(1000);
    const roomy = new LruCache(20 * entryBytes('a', value));
    for (const key of 'abcdefghijklmnopqrstuvwxyz') await roomy.setMany([{ key, value, ttlSeconds: 60 }]);
    expect(roomy.bytes).toBeLessThanOrEqual(roomy.maxBytes);
    expect(roomy.entries).toBe(20);
    await roomy.getMany(['g']); // g is now the most recently used of the oldest ones
    await roomy.setMany([{ key: 'A', value, ttlSeconds: 60 }]);
    await expect(roomy.getMany(['g', 'h', 'A'])).resolves.toEqual([value, undefined, value]);
  });

  it('does not keep an entry larger than a tenth of its bound (one answer cannot flush the cache)', async () => {
    const value = 'v'.repeat(1000);
    const cache = new LruCache(9 * entryBytes('a', value));
    await cache.setMany([{ key: 'a', value, ttlSeconds: 60 }]);
    await expect(cache.getMany(['a'])).resolves.toEqual([undefined]);
    expect(cache.bytes).toBe(0);
  });

  it('counts entries by their text, so many small entries fit where a few large ones do', async () => {
    const cache = new LruCache(1024 * 1024);
    const small = Array.from({ length: 1000 }, (_, i) => ({ key: `k${i}`, value: 'x', ttlSeconds: 60 }));
    await cache.setMany(small);
    expect(cache.entries).toBe(1000);
    expect(cache.bytes).toBe(small.reduce((sum, e) => sum + entryBytes(e.key, e.value), 0));
  });

  it('frees expired entries even when nobody reads them again', async () => {
    const cache = new LruCache();
    await cache.setMany([
      { key: 'short', value: 's'.repeat(500), ttlSeconds: 0.05 },
      { key: 'long', value: 'l', ttlSeconds: 60 },
    ]);
    const before = cache.bytes;
    await sleep(120);
    cache.purgeStale();
    expect(cache.entries).toBe(1);
    expect(cache.bytes).toBe(before - entryBytes('short', 's'.repeat(500)));
  });

  it('expires an entry after its TTL, each entry with its own TTL', async () => {
    const cache = new LruCache();
    await cache.setMany([
      { key: 'short', value: 's', ttlSeconds: 0.05 },
      { key: 'long', value: 'l', ttlSeconds: 60 },
    ]);
    await expect(cache.getMany(['short', 'long'])).resolves.toEqual(['s', 'l']);
    await sleep(120);
    await expect(cache.getMany(['short', 'long'])).resolves.toEqual([undefined, 'l']);
  });
});
