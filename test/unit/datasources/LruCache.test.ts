import { LruCache } from '../../../datasources/cache/LruCache';

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

  it('evicts the least recently used entry beyond maxEntries', async () => {
    const cache = new LruCache(2);
    await cache.setMany([
      { key: 'a', value: '1', ttlSeconds: 60 },
      { key: 'b', value: '2', ttlSeconds: 60 },
    ]);
    await cache.getMany(['a']); // a is now more recently used than b
    await cache.setMany([{ key: 'c', value: '3', ttlSeconds: 60 }]);
    await expect(cache.getMany(['a', 'b', 'c'])).resolves.toEqual(['1', undefined, '3']);
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
