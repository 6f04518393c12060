import { RESPONSE_CACHE_GENERATION_KEY } from '../../../../datasources/cache/cacheKeys';
import { LruCache } from '../../../../datasources/cache/LruCache';
import { RESPONSE_CACHE_GENERATION_HOLD_MS, ResponseCacheGeneration } from '../../../../datasources/cache/ResponseCacheGeneration';
import { jest } from '@jest/globals';

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

describe('a held ResponseCacheGeneration', () => {
  it('holds nothing until asked to, then the value read or announced, and hears every bump at once', async () => {
    const cache = new LruCache();
    const front = new ResponseCacheGeneration(cache);
    const writer = new ResponseCacheGeneration(cache);
    const first = await front.current();
    expect(front.held()).toBeUndefined();
    front.hold();
    expect(await front.current()).toBe(first);
    expect(front.held()).toBe(first);
    const bumped = await writer.bump();
    expect(front.held()).toBe(bumped);
    front.release();
    expect(front.held()).toBeUndefined();
  });

  it('lets a value read before a change was heard lose to the change', async () => {
    const cache = new LruCache();
    const front = new ResponseCacheGeneration(cache);
    front.hold();
    const old = await front.current();
    const heard = front.heardCount;
    const bumped = await new ResponseCacheGeneration(cache).bump();
    front.remember(old, heard);
    expect(front.held()).toBe(bumped);
  });

  it('stops trusting a value it has not heard of for the hold period', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate'] });
    try {
      const cache = new LruCache();
      const front = new ResponseCacheGeneration(cache);
      front.hold();
      const value = await front.current();
      expect(front.held()).toBe(value);
      jest.advanceTimersByTime(RESPONSE_CACHE_GENERATION_HOLD_MS + 1);
      expect(front.held()).toBeUndefined();
    } finally {
      jest.useRealTimers();
    }
  });
});
