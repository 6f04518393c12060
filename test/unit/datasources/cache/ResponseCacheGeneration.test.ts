import { RESPONSE_CACHE_GENERATION_KEY } from '../../../../datasources/cache/cacheKeys';
import { LruCache } from '../../../../datasources/cache/LruCache';
import { ResponseCacheGeneration } from '../../../../datasources/cache/ResponseCacheGeneration';

describe('ResponseCacheGeneration', () => {
  it('keeps one generation until bumped, and starts a new one when it is gone', async () => {
    const cache = new LruCache();
    const generation = new ResponseCacheGeneration(cache);
    const first = await generation.current();
    expect(await generation.current()).toBe(first);
    expect(await new ResponseCacheGeneration(cache).current()).toBe(first);
    const bumped = await generation.bump();
    expect(bumped).not.toBe(first);
    expect(await generation.current()).toBe(bumped);
    await cache.delete([RESPONSE_CACHE_GENERATION_KEY]);
    const restarted = await generation.current();
    expect([first, bumped]).not.toContain(restarted);
  });
});
