import Redis, { type RedisOptions } from 'ioredis';
import type { Logger } from 'pino';
import { StorePolicy, type StorePolicyOptions } from '../shared/StorePolicy';
import type { Cache, CacheEntry } from './Cache';
import { type CacheChange, type CacheChanges, LocalChanges } from './CacheChanges';
import { CACHE_CHANGES_CHANNEL } from './cacheKeys';
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
export class RedisCache implements Cache, CacheChanges {
  readonly backend = 'redis' as const;
  private readonly redis: Redis;
  private readonly changes = new LocalChanges();
  /** The subscriber connection (a client in subscribe mode can do nothing else), made at the first watch. */
  private subscriber: Redis | undefined;
  /** CACHE_CHANGES_CHANNEL of this Redis database (channels are server-wide; databases are not). */
  private readonly channel: string;
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
    this.channel = `${CACHE_CHANGES_CHANNEL}:db${this.redis.options.db ?? 0}`;
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

  /**
   * This process's watchers hear at once; the others through PUBLISH on CACHE_CHANGES_CHANNEL of its database (best effort: with
   * Redis away, they let what they hold expire).
   */
  async announce(key: string, value: string): Promise<void> {
    this.changes.emit({ kind: 'set', key, value });
    await this.attempt('publish', () => this.redis.publish(this.channel, JSON.stringify({ key, value })));
  }

  /** Subscribes (once per cache) to CACHE_CHANGES_CHANNEL; every (re)connection of the subscriber is a `reset`. */
  watch(listener: (change: CacheChange) => void): () => void {
    if (!this.subscriber) {
      const subscriber = this.redis.duplicate();
      this.subscriber = subscriber;
      subscriber.on('error', (err: Error) => this.logger.debug({ err: err.message }, 'redis subscriber connection error'));
      subscriber.on('ready', () => {
        this.changes.emit({ kind: 'reset' });
        subscriber.subscribe(this.channel).catch((err: unknown) => this.logger.debug({ err: errorMessage(err) }, 'redis subscribe failed'));
      });
      subscriber.on('close', () => this.changes.emit({ kind: 'reset' }));
      subscriber.on('message', (_channel: string, message: string) => {
        const change = parseChange(message);
        if (change) this.changes.emit(change);
      });
    }
    return this.changes.watch(listener);
  }

  async close(): Promise<void> {
    this.subscriber?.disconnect();
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

/** A change another process published, or undefined for anything else on the channel. */
function parseChange(message: string): CacheChange | undefined {
  try {
    const parsed = JSON.parse(message) as { key?: unknown; value?: unknown };
    return typeof parsed.key === 'string' && typeof parsed.value === 'string' ? { kind: 'set', key: parsed.key, value: parsed.value } : undefined;
  } catch {
    return undefined;
  }
}

/** A literal for a Redis MATCH pattern: glob characters escaped. */
function escapeGlob(literal: string): string {
  return literal.replace(/[*?[\]\\]/g, (c) => `\\${c}`);
}
