import type { Cache } from '../../../datasources/cache/Cache';
import { type CacheEntity, cacheKey } from '../../../datasources/cache/cacheKeys';

/** Apollo Server's KeyValueCache interface (`get`/`set`/`delete` of strings with a TTL in seconds). */
export interface KeyValueCacheLike {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, options?: { ttl?: number | null }): Promise<void>;
  delete(key: string): Promise<boolean | void>;
}

export interface GatewayKeyValueCacheOptions {
  /** The entity part of the gateway's cache key (`gw:v<n>:<entity>:<key>`). */
  readonly entity: CacheEntity;
  /** The id part of the key from Apollo's key (default: the key as it is). */
  readonly idOf?: (key: string) => string;
  /** TTL when Apollo stores without one. */
  readonly defaultTtlSeconds: number;
  /** Values larger than this (bytes) are not stored. */
  readonly maxEntryBytes?: number;
}

/**
 * Apollo's KeyValueCache over the gateway's cross-request cache (Redis or LRU), under `gw:v<n>:<entity>:…`: what
 * automatic persisted queries and the response cache store. The gateway's Cache never throws (its failures are
 * misses), so neither does this; a zero or negative TTL stores nothing.
 */
export class GatewayKeyValueCache implements KeyValueCacheLike {
  constructor(
    private readonly cache: Cache,
    private readonly options: GatewayKeyValueCacheOptions,
  ) {}

  async get(key: string): Promise<string | undefined> {
    const [value] = await this.cache.getMany([this.keyOf(key)]);
    return value;
  }

  async set(key: string, value: string, options?: { ttl?: number | null }): Promise<void> {
    if (this.options.maxEntryBytes !== undefined && Buffer.byteLength(value) > this.options.maxEntryBytes) return;
    const ttlSeconds = options?.ttl ?? this.options.defaultTtlSeconds;
    if (ttlSeconds <= 0) return;
    await this.cache.setMany([{ key: this.keyOf(key), value, ttlSeconds }]);
  }

  async delete(key: string): Promise<void> {
    await this.cache.delete([this.keyOf(key)]);
  }

  private keyOf(key: string): string {
    return cacheKey(this.options.entity, this.options.idOf ? this.options.idOf(key) : key);
  }
}
