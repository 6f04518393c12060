import type { Logger } from '../../src/core/logger';
import { gatewayMetrics } from '../../src/core/metrics';
import type { HealthProbe } from '../HealthProbe';
import type { StoreDescription } from '../StoreDescription';
import type { StorePolicyOptions } from '../shared/StorePolicy';
import type { Cache } from './Cache';
import { HotEntities } from './HotEntities';
import { LruCache } from './LruCache';
import { RedisCache } from './RedisCache';
import { redisHealth } from './redisHealth';

export interface CacheConfig {
  /** REDIS_URL; unset: an in-process LRU of `lruBytes`. */
  readonly redis: { readonly url: string } | undefined;
  readonly lruBytes: number;
  /** CACHE_HOT_BYTES: decoded entities kept in this process in front of the cache (HotEntities; 0: none). */
  readonly hotBytes?: number;
}

/** The cross-request cache; `health` only for Redis (the LRU is this process). */
export interface OpenedCache {
  readonly cache: Cache;
  readonly health: HealthProbe | undefined;
  /** Decoded entities of `cache` kept in this process, for `cachedBatch`. */
  readonly hot: HotEntities;
  describe(): StoreDescription;
  close(): Promise<void>;
}

/**
 * Redis when configured (start-up waits briefly for it and goes on without it: reads go to the stores until it
 * answers), else an LRU bounded in bytes whose size /metrics reports.
 */
export async function openCache(config: CacheConfig, logger: Logger, policy: Partial<StorePolicyOptions> = {}): Promise<OpenedCache> {
  const withHot = (cache: Cache): HotEntities => {
    const hot = new HotEntities(cache, config.hotBytes ?? 0);
    gatewayMetrics.trackCache('hot', hot);
    return hot;
  };
  if (config.redis) {
    const redis = new RedisCache(config.redis.url, logger, policy);
    if (!(await redis.waitUntilReady())) logger.warn({ store: 'redis' }, 'redis is not answering yet; reads go to the database until it does');
    const hot = withHot(redis);
    return {
      cache: redis,
      health: redisHealth(redis),
      hot,
      describe: () => ({ store: 'redis', configured: true, backend: 'redis' }),
      close: () => {
        hot.release();
        return redis.close();
      },
    };
  }
  const lru = new LruCache(config.lruBytes);
  gatewayMetrics.trackCache('lru', lru);
  const hot = withHot(lru);
  return {
    cache: lru,
    health: undefined,
    hot,
    describe: () => ({ store: 'redis', configured: false, backend: 'lru' }),
    close: () => {
      hot.release();
      return lru.close();
    },
  };
}
