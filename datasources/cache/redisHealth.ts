import type { HealthProbe } from '../HealthProbe';
import { storeHealthProbe } from '../shared/storeHealthProbe';
import type { RedisCache } from './RedisCache';

/** Redis answers `PING` (at once with an error while disconnected: the client queues nothing offline). */
export function redisHealth(cache: Pick<RedisCache, 'ping' | 'policy'>): HealthProbe {
  return storeHealthProbe('redis', () => cache.ping(), [cache.policy]);
}
