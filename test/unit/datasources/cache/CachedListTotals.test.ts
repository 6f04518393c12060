import type { Cache } from '../../../../datasources/cache/Cache';
import { CachedListTotals, LIST_TOTAL_TTL_SECONDS } from '../../../../datasources/cache/CachedListTotals';
import { LruCache } from '../../../../datasources/cache/LruCache';
import { ResponseCacheGeneration } from '../../../../datasources/cache/ResponseCacheGeneration';

/** A count that answers `values` in turn and says how often it ran. */
function counting(...values: number[]) {
  let calls = 0;
  return {
    count: async () => values[Math.min(calls++, values.length - 1)] as number,
    calls: () => calls,
  };
}

describe('CachedListTotals', () => {
  it('counts a list and filter once per write generation', async () => {
    const cache = new LruCache();
    const totals = new CachedListTotals(cache);
    const works = counting(1_000_000);
    expect(await totals.total('works', undefined, works.count)).toBe(1_000_000);
    expect(await totals.total('works', undefined, works.count)).toBe(1_000_000);
    expect(works.calls()).toBe(1);
    totals.release();
  });

  it('keeps lists and filters apart', async () => {
    const cache = new LruCache();
    const totals = new CachedListTotals(cache);
    expect(await totals.total('works', { publicationYear: { gte: 2015 } }, async () => 10)).toBe(10);
    expect(await totals.total('works', { publicationYear: { gte: 2016 } }, async () => 7)).toBe(7);
    expect(await totals.total('authors', { publicationYear: { gte: 2015 } }, async () => 3)).toBe(3);
    expect(await totals.total('works', { publicationYear: { gte: 2015 } }, async () => -1)).toBe(10);
    totals.release();
  });

  it('counts again after a write anywhere starts a new generation (another instance bumps)', async () => {
    const cache = new LruCache();
    const totals = new CachedListTotals(cache);
    const works = counting(673, 674);
    expect(await totals.total('works', undefined, works.count)).toBe(673);
    await new ResponseCacheGeneration(cache).bump();
    expect(await totals.total('works', undefined, works.count)).toBe(674);
    expect(await totals.total('works', undefined, works.count)).toBe(674);
    expect(works.calls()).toBe(2);
    totals.release();
  });

  it('stores a total for LIST_TOTAL_TTL_SECONDS under a key of fixed size, whatever the filter', async () => {
    const stored: { key: string; ttlSeconds: number }[] = [];
    const lru = new LruCache();
    const cache: Cache = {
      backend: 'lru',
      getMany: (keys) => lru.getMany(keys),
      setMany: async (entries) => {
        stored.push(...entries);
        await lru.setMany(entries);
      },
      delete: (keys) => lru.delete(keys),
      deleteByPrefix: (prefixes) => lru.deleteByPrefix(prefixes),
      close: () => lru.close(),
    };
    const totals = new CachedListTotals(cache);
    await totals.total('works', { type: Array.from({ length: 500 }, (_, i) => `type-${i}`) }, async () => 1);
    await totals.total('works', undefined, async () => 2);
    const totalsStored = stored.filter((e) => e.key.includes(':listTotal:'));
    expect(totalsStored).toHaveLength(2);
    expect(totalsStored.every((e) => e.ttlSeconds === LIST_TOTAL_TTL_SECONDS)).toBe(true);
    expect(new Set(totalsStored.map((e) => e.key.length)).size).toBe(1);
    totals.release();
  });

  it('still answers when the cache answers nothing (a Redis that is down)', async () => {
    const down: Cache = { backend: 'redis', getMany: async (keys) => keys.map(() => undefined), setMany: async () => {}, delete: async () => {}, deleteByPrefix: async () => {}, close: async () => {} };
    const totals = new CachedListTotals(down);
    const works = counting(5, 6);
    expect(await totals.total('works', undefined, works.count)).toBe(5);
    expect(await totals.total('works', undefined, works.count)).toBe(6);
    totals.release();
  });

  it('counts the totals of owners once per write generation, only the owners not cached, in one call', async () => {
    const cache = new LruCache();
    const totals = new CachedListTotals(cache);
    const asked: string[][] = [];
    const count = async (ids: readonly string[]) => {
      asked.push([...ids]);
      return ids.map((id) => (id === 'A0' ? 0 : Number(id.slice(1))));
    };
    expect(await totals.totalsOf('works.of.author', ['A3', 'A0'], count)).toEqual([3, 0]);
    expect(await totals.totalsOf('works.of.author', ['A0', 'A7', 'A3'], count)).toEqual([0, 7, 3]);
    expect(asked).toEqual([['A3', 'A0'], ['A7']]);
    // Another list's owners are other entries; a write starts a new generation and every owner is counted again.
    expect(await totals.totalsOf('works.of.topic', ['A3'], count)).toEqual([3]);
    await new ResponseCacheGeneration(cache).bump();
    expect(await totals.totalsOf('works.of.author', ['A3'], count)).toEqual([3]);
    expect(asked).toEqual([['A3', 'A0'], ['A7'], ['A3'], ['A3']]);
    totals.release();
    await cache.close();
  });
});
