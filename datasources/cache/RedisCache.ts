import Redis, { type RedisOptions } from 'ioredis';
import type { Logger } from 'pino';
import { StorePolicy, type StorePolicyOptions } from '../shared/StorePolicy';
import type { Cache, CacheEntry } from './Cache';
import { isTransientRedisError } from './isTransientRedisError';
import { errorMessage } from '../../src/core/errorMessage';

/**
 * How the cache's ioredis client fails fast while Redis is away: no offline queue (a command fails at once
 * instead of waiting for a reconnect), no per-command retries, a short connect timeout, reconnects in the
 * background every 0.2–2 s.
 */
export const REDIS_CLIENT_OPTIONS: Readonly<RedisOptions> = {
  enableOfflineQueue: false,
  maxRetriesPerRequest: 0,
  connectTimeout: 1_000,
  retryStrategy: (times) => Math.min(times * 200, 2_000),
};

/**
 * Redis-backed cache. Commands fail fast when Redis is away (no offline queue, short timeouts, a breaker),
 * and every failure is answered as a miss: the cache can slow nothing down and break nothing.
 */
export class RedisCache implements Cache {
  readonly backend = 'redis' as const;
  private readonly redis: Redis;
  readonly policy: StorePolicy;

  /**
   * `connection` is Redis's URL (a client with REDIS_CLIENT_OPTIONS is made for it) or a client made by the caller
   * (a test's, over an in-memory server); `policy` overrides the cache's fail-fast policy (e.g. the bulkhead limits).
   */
  constructor(
    connection: string | Redis,
    private readonly logger: Logger,
    policy: Partial<StorePolicyOptions> = {},
  ) {
    this.policy = new StorePolicy('redis', isTransientRedisError, {
      timeoutMs: 250,
      maxAttempts: 1,
      breakerThreshold: 3,
      halfOpenAfterMs: 5_000,
      ...policy,
    });
    this.redis = typeof connection === 'string' ? new Redis(connection, { ...REDIS_CLIENT_OPTIONS }) : connection;
    // ioredis emits connection errors as events; without a listener they would crash the process.
    this.redis.on('error', (err: Error) => this.logger.debug({ err: err.message }, 'redis connection error'));
  }

  /**
   * Waits (bounded) until the connection is ready, so the first requests are not all misses. A Redis that is
   * down at start is not an error: the gateway serves from the database and reconnects in the background.
   */
  async waitUntilReady(timeoutMs = 2_000): Promise<boolean> {
    if (this.redis.status === 'ready') return true;
    return new Promise<boolean>((resolve) => {
      const done = (ready: boolean) => {
        clearTimeout(timer);
        this.redis.off('ready', onReady);
        resolve(ready);
      };
      const onReady = () => done(true);
      const timer = setTimeout(() => done(false), timeoutMs);
      this.redis.once('ready', onReady);
    });
  }

  async getMany(keys: readonly string[]): Promise<(string | undefined)[]> {
    if (keys.length === 0) return [];
    const values = await this.attempt('mget', () => this.redis.mget(...keys));
    return values ? values.map((v) => v ?? undefined) : keys.map(() => undefined);
  }

  async setMany(entries: readonly CacheEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await this.attempt('set', () => {
      const pipeline = this.redis.pipeline();
      for (const { key, value, ttlSeconds } of entries) pipeline.set(key, value, 'EX', ttlSeconds);
      return pipeline.exec();
    });
  }

  async delete(keys: readonly string[]): Promise<void> {
    if (keys.length > 0) await this.attempt('del', () => this.redis.del(...keys));
  }

  async deleteByPrefix(prefixes: readonly string[]): Promise<void> {
    for (const prefix of prefixes) {
      // SCAN (not KEYS) never blocks the server; UNLINK frees memory in the background.
      await this.attempt('scanDelete', async () => {
        let cursor = '0';
        do {
          const [next, keys] = await this.redis.scan(cursor, 'MATCH', `${escapeGlob(prefix)}*`, 'COUNT', 1000);
          if (keys.length > 0) await this.redis.unlink(...keys);
          cursor = next;
        } while (cursor !== '0');
      });
    }
  }

  async close(): Promise<void> {
    this.redis.disconnect();
  }

  /** Sends PING straight to Redis (no policy, no miss fallback): the readiness probe. */
  async ping(): Promise<void> {
    await this.redis.ping();
  }

  private async attempt<T>(operation: string, fn: () => Promise<T>): Promise<T | undefined> {
    try {
      return await this.policy.execute(operation, fn);
    } catch (err) {
      this.logger.warn({ store: 'redis', operation, err: errorMessage(err) }, 'cache unavailable; treated as a miss');
      return undefined;
    }
  }
}

/** A literal for a Redis MATCH pattern: glob characters escaped. */
function escapeGlob(literal: string): string {
  return literal.replace(/[*?[\]\\]/g, (c) => `\\${c}`);
}
