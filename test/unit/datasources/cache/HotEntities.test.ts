import type { Cache, CacheEntry } from '../../../../datasources/cache/Cache';
import { cachedBatch } from '../../../../datasources/cache/cachedBatch';
import { cacheKey, RESPONSE_CACHE_GENERATION_KEY } from '../../../../datasources/cache/cacheKeys';
import { HotEntities } from '../../../../datasources/cache/HotEntities';
import { LruCache } from '../../../../datasources/cache/LruCache';
import { ResponseCacheGeneration } from '../../../../datasources/cache/ResponseCacheGeneration';

interface Work {
  readonly id: string;
  readonly title: string;
  readonly topics: { readonly id: string }[];
}

const work = (id: string, title = `title of ${id}`): Work => ({ id, title, topics: [{ id: `T-${id}` }] });

/** Counts the entity keys each cache read asked for (the generation's own reads aside). */
function countEntityReads(cache: Cache): () => number {
  let reads = 0;
  const getMany = cache.getMany.bind(cache);
  cache.getMany = async (keys) => {
    reads += keys.filter((k) => k !== RESPONSE_CACHE_GENERATION_KEY).length;
    return getMany(keys);
  };
  return () => reads;
}

/** A cache over a Map shared by two "replicas" that announces nothing (Redis whose PUBLISH was lost). */
class SilentSharedCache implements Cache {
  readonly backend = 'redis' as const;
  constructor(readonly store: Map<string, string>) {}
  async getMany(keys: readonly string[]) {
    return keys.map((k) => this.store.get(k));
  }
  async setMany(entries: readonly CacheEntry[]) {
    for (const e of entries) this.store.set(e.key, e.value);
  }
  async delete(keys: readonly string[]) {
    for (const k of keys) this.store.delete(k);
  }
  async deleteByPrefix() {}
  async close() {}
}

const hots: HotEntities[] = [];
const caches: LruCache[] = [];
afterEach(async () => {
  for (const hot of hots.splice(0)) hot.release();
  await Promise.all(caches.splice(0).map((c) => c.close()));
});

function setUp(maxBytes = 1 << 20) {
  const cache = new LruCache();
  caches.push(cache);
  const reads = countEntityReads(cache);
  const hot = new HotEntities(cache, maxBytes);
  hots.push(hot);
  const loads: string[][] = [];
  const load = async (missing: readonly string[]) => {
    loads.push([...missing]);
    return missing.map((id) => (id.startsWith('W') ? work(id) : null));
  };
  return { cache, hot, reads, loads, load };
}

describe('HotEntities in front of the cache (cachedBatch)', () => {
  it('serves a value read once without asking the cache again, and the same value to every reader', async () => {
    const { hot, reads, loads, load, cache } = setUp();
    const first = await cachedBatch(cache, 'work', 600, ['W1', 'W2'], load, hot);
    expect(first).toEqual([work('W1'), work('W2')]);
    expect(reads()).toBe(2);
    const second = await cachedBatch(cache, 'work', 600, ['W2', 'W1'], load, hot);
    expect(second).toEqual([work('W2'), work('W1')]);
    expect(second[0]).toBe(first[1]);
    expect(reads()).toBe(2);
    expect(loads).toEqual([['W1', 'W2']]);
  });

  it('keeps values read from the cache too, and asks it only for what it does not hold', async () => {
    const { hot, reads, loads, load, cache } = setUp();
    await cache.setMany([{ key: cacheKey('work', 'W7'), value: JSON.stringify(work('W7', 'from the cache')), ttlSeconds: 600 }]);
    expect(await cachedBatch(cache, 'work', 600, ['W7'], load, hot)).toEqual([work('W7', 'from the cache')]);
    expect(await cachedBatch(cache, 'work', 600, ['W7', 'W8'], load, hot)).toEqual([work('W7', 'from the cache'), work('W8')]);
    expect(reads()).toBe(2);
    expect(loads).toEqual([['W8']]);
  });

  it('freezes what it shares: a reader cannot change what the next one gets', async () => {
    const { hot, load, cache } = setUp();
    const [value] = (await cachedBatch(cache, 'work', 600, ['W1'], load, hot)) as [Work];
    expect(() => {
      (value as { title: string }).title = 'changed';
    }).toThrow(TypeError);
    expect(() => value.topics.push({ id: 'T-x' })).toThrow(TypeError);
    expect(await cachedBatch(cache, 'work', 600, ['W1'], load, hot)).toEqual([work('W1')]);
  });

  it('reads the cache again after a write started a new generation in this process', async () => {
    const { hot, reads, load, cache } = setUp();
    await cachedBatch(cache, 'work', 600, ['W1'], load, hot);
    // What afterWrite does: the entity dropped (here replaced, as a reload would), then a new generation.
    await cache.setMany([{ key: cacheKey('work', 'W1'), value: JSON.stringify(work('W1', 'after the write')), ttlSeconds: 600 }]);
    await new ResponseCacheGeneration(cache).bump();
    expect(await cachedBatch(cache, 'work', 600, ['W1'], load, hot)).toEqual([work('W1', 'after the write')]);
    expect(reads()).toBe(2);
  });

  it('never keeps what was read while a write happened under the generation read before it', async () => {
    const { hot, cache } = setUp();
    let title = 'before';
    const load = async (missing: readonly string[]) => {
      const answer = missing.map((id) => work(id, title));
      title = 'after';
      await new ResponseCacheGeneration(cache).bump();
      return answer;
    };
    expect(await cachedBatch(cache, 'work', 600, ['W1'], load, hot)).toEqual([work('W1', 'before')]);
    await cache.delete([cacheKey('work', 'W1')]);
    expect(await cachedBatch(cache, 'work', 600, ['W1'], load, hot)).toEqual([work('W1', 'after')]);
  });

  it("learns of another replica's write it was not told of by reading the generation, once the held one is 1 s old", async () => {
    const shared = new Map<string, string>();
    const writer = new SilentSharedCache(shared);
    const reader = new SilentSharedCache(shared);
    const reads = countEntityReads(reader);
    const hot = new HotEntities(reader, 1 << 20);
    hots.push(hot);
    const load = async (missing: readonly string[]) => missing.map((id) => work(id, 'loaded'));
    await new ResponseCacheGeneration(writer).bump();
    await cachedBatch(reader, 'work', 600, ['W1'], load, hot);
    await cachedBatch(reader, 'work', 600, ['W1'], load, hot);
    // Nothing announces (the reader holds no generation): every batch reads the generation, and the entity is kept.
    expect(reads()).toBe(1);
    shared.set(cacheKey('work', 'W1'), JSON.stringify(work('W1', 'written by the other replica')));
    await new ResponseCacheGeneration(writer).bump();
    expect(await cachedBatch(reader, 'work', 600, ['W1'], load, hot)).toEqual([work('W1', 'written by the other replica')]);
    expect(reads()).toBe(2);
  });

  it('forgets an entry after its lifetime and asks the cache again', async () => {
    const { hot, reads, load, cache } = setUp();
    await cachedBatch(cache, 'work', 0.05, ['W1'], load, hot);
    await cachedBatch(cache, 'work', 0.05, ['W1'], load, hot);
    expect(reads()).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 120));
    await cachedBatch(cache, 'work', 0.05, ['W1'], load, hot);
    expect(reads()).toBe(2);
  });

  it('stays within its bytes, keeps no entry larger than a tenth of them, and nothing with a bound of 0', async () => {
    const { hot, load, cache } = setUp(8 * 1024);
    const ids = Array.from({ length: 200 }, (_v, i) => `W${i}`);
    await cachedBatch(cache, 'work', 600, ids, load, hot);
    expect(hot.bytes).toBeGreaterThan(0);
    expect(hot.bytes).toBeLessThanOrEqual(8 * 1024);
    const big = setUp(8 * 1024);
    const huge = async (missing: readonly string[]) => missing.map((id) => work(id, 'x'.repeat(1000)));
    await cachedBatch(big.cache, 'work', 600, ['W1'], huge, big.hot);
    expect(big.hot.bytes).toBe(0);
    const off = setUp(0);
    await cachedBatch(off.cache, 'work', 600, ['W1'], off.load, off.hot);
    await cachedBatch(off.cache, 'work', 600, ['W1'], off.load, off.hot);
    expect(off.reads()).toBe(2);
    expect(off.hot.bytes).toBe(0);
  });

  it('keeps no null (an unknown id is looked up again)', async () => {
    const { hot, loads, load, cache } = setUp();
    expect(await cachedBatch(cache, 'work', 600, ['X1'], load, hot)).toEqual([null]);
    expect(await cachedBatch(cache, 'work', 600, ['X1'], load, hot)).toEqual([null]);
    expect(loads).toEqual([['X1'], ['X1']]);
  });
});
