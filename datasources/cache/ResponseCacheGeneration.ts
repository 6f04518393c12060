import { randomUUID } from 'node:crypto';
import type { Cache } from './Cache';
import { RESPONSE_CACHE_GENERATION_KEY } from './cacheKeys';

/** How long a generation lives without a write (a week); when it is gone, a new one simply starts. */
export const RESPONSE_CACHE_GENERATION_TTL_SECONDS = 7 * 86_400;

/**
 * The generation of the response cache, kept in the gateway's cache (Redis: shared by every replica; LRU:
 * this process). Every response-cache key includes it, so `bump` (a new random value) invalidates every
 * cached response at once: old entries are never read again and expire on their own TTL.
 *
 * A missing generation (never set, expired, evicted, or the cache is unreachable) starts a new random one:
 * it can never resurrect entries written under an earlier value.
 */
export class ResponseCacheGeneration {
  constructor(private readonly cache: Cache) {}

  /** The current generation, creating one when there is none. */
  async current(): Promise<string> {
    const [value] = await this.cache.getMany([RESPONSE_CACHE_GENERATION_KEY]);
    if (value !== undefined) return value;
    return this.bump();
  }

  /** Starts a new generation (after a write that changes what cached responses hold) and answers it. */
  async bump(): Promise<string> {
    const next = randomUUID();
    await this.cache.setMany([{ key: RESPONSE_CACHE_GENERATION_KEY, value: next, ttlSeconds: RESPONSE_CACHE_GENERATION_TTL_SECONDS }]);
    return next;
  }
}
