import type { BaseContext } from '@apollo/server';
import type { ApolloServerPluginResponseCacheOptions } from '@apollo/server-plugin-response-cache';
import type { Cache } from '../../datasources/cache/Cache';
import { cacheKey } from '../../datasources/cache/cachedBatch';

/** Apollo's key-value cache interface, as the response-cache plugin's `cache` option takes it. */
export type ResponseKeyValueCache = NonNullable<ApolloServerPluginResponseCacheOptions<BaseContext>['cache']>;

/** Serialized responses larger than this are not stored (they would crowd the LRU's entry-counted space). */
export const RESPONSE_CACHE_MAX_ENTRY_BYTES = 512 * 1024;

/** TTL used if Apollo ever stores without one (the response-cache plugin always passes the response's max-age). */
const FALLBACK_TTL_SECONDS = 60;

/**
 * Apollo's KeyValueCache over the gateway's cross-request cache (Redis or LRU), for the response-cache plugin.
 * Keys (`fqc:<sha256>` from the plugin) are stored as `gw:v<n>:response:<key>`. Cache failures are misses
 * (the gateway's Cache never throws on reads); entries over RESPONSE_CACHE_MAX_ENTRY_BYTES are skipped.
 */
export class ResponseCacheStore implements ResponseKeyValueCache {
  constructor(private readonly cache: Cache) {}

  async get(key: string): Promise<string | undefined> {
    const [value] = await this.cache.getMany([cacheKey('response', key)]);
    return value;
  }

  async set(key: string, value: string, options?: { ttl?: number | null }): Promise<void> {
    if (Buffer.byteLength(value) > RESPONSE_CACHE_MAX_ENTRY_BYTES) return;
    const ttlSeconds = options?.ttl ?? FALLBACK_TTL_SECONDS;
    if (ttlSeconds <= 0) return;
    await this.cache.setMany([{ key: cacheKey('response', key), value, ttlSeconds }]);
  }

  async delete(key: string): Promise<boolean | void> {
    await this.cache.delete([cacheKey('response', key)]);
  }
}
