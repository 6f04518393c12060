import type { BaseContext } from '@apollo/server';
import type { ApolloServerPluginResponseCacheOptions } from '@apollo/server-plugin-response-cache';
import type { Cache } from '../../../datasources/cache/Cache';
import { GatewayKeyValueCache } from './GatewayKeyValueCache';

/** Apollo's key-value cache interface, as the response-cache plugin's `cache` option takes it. */
export type ResponseKeyValueCache = NonNullable<ApolloServerPluginResponseCacheOptions<BaseContext>['cache']>;

/** Serialized responses larger than this are not stored (they would crowd the LRU's entry-counted space). */
export const RESPONSE_CACHE_MAX_ENTRY_BYTES = 512 * 1024;

/** TTL used if Apollo ever stores without one (the response-cache plugin always passes the response's max-age). */
const FALLBACK_TTL_SECONDS = 60;

/**
 * The response cache's store: the gateway's cross-request cache (Redis or LRU) under `gw:v<n>:response:<key>`
 * (keys are `fqc:<sha256>` from the plugin); entries over RESPONSE_CACHE_MAX_ENTRY_BYTES are skipped.
 */
export function responseCacheStore(cache: Cache): ResponseKeyValueCache {
  return new GatewayKeyValueCache(cache, { entity: 'response', defaultTtlSeconds: FALLBACK_TTL_SECONDS, maxEntryBytes: RESPONSE_CACHE_MAX_ENTRY_BYTES });
}
