import { cachedBatch } from '../../../../datasources/cache/cachedBatch';
import { HotEntities } from '../../../../datasources/cache/HotEntities';
import { LruCache } from '../../../../datasources/cache/LruCache';
import { gatewayMetrics } from '../../../../src/core/metrics';

async function cacheRequests(result: 'hit' | 'miss', store: 'lru' | 'hot' = 'lru'): Promise<number> {
  const metric = await gatewayMetrics.registry.getSingleMetric('gateway_cache_requests_total')?.get();
  return metric?.values.find((v) => v.labels['store'] === store && v.labels['entity'] === 'work' && v.labels['result'] === result)?.value ?? 0;
}

beforeEach(() => {
  gatewayMetrics.registry.resetMetrics();
});

describe('cachedBatch: gateway_cache_requests_total', () => {
  it('counts one miss per key not cached and one hit per key served from the cache', async () => {
    const cache = new LruCache();
    const load = async (ids: readonly string[]) => ids.map((id) => ({ id }));
    await cachedBatch(cache, 'work', 60, ['W1', 'W2', 'W3'], load);
    expect(await cacheRequests('miss')).toBe(3);
    expect(await cacheRequests('hit')).toBe(0);
    await cachedBatch(cache, 'work', 60, ['W1', 'W2', 'W4'], load);
    expect(await cacheRequests('miss')).toBe(4);
    expect(await cacheRequests('hit')).toBe(2);
  });

  it('counts a key served from the decoded entities of the process as a hit of store "hot", and only what they miss against the cache', async () => {
    const cache = new LruCache();
    const hot = new HotEntities(cache, 1 << 20);
    try {
      const load = async (ids: readonly string[]) => ids.map((id) => ({ id }));
      await cachedBatch(cache, 'work', 60, ['W1', 'W2'], load, hot);
      await cachedBatch(cache, 'work', 60, ['W1', 'W2', 'W3'], load, hot);
      expect(await cacheRequests('hit', 'hot')).toBe(2);
      expect(await cacheRequests('miss')).toBe(3);
      expect(await cacheRequests('hit')).toBe(0);
    } finally {
      hot.release();
      await cache.close();
    }
  });
});
