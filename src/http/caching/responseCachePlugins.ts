import type { ApolloServerPlugin, BaseContext, GraphQLRequestContext } from '@apollo/server';
import responseCachePlugin from '@apollo/server-plugin-response-cache';
import type { Cache } from '../../../datasources/cache/Cache';
import { ResponseCacheGeneration } from '../../../datasources/cache/ResponseCacheGeneration';
import { RESPONSE_CACHE_MAX_ENTRY_BYTES, responseCacheStore } from './responseCacheStore';

/** The RESPONSE_CACHE* settings. */
export interface ResponseCacheSettings {
  /** RESPONSE_CACHE=on: serve repeated anonymous public queries from the cache. */
  readonly enabled: boolean;
  /** RESPONSE_CACHE_MAX_AGE: a cap on every response's max-age (header and cache TTL), in seconds. */
  readonly maxAgeSeconds: number;
}

/** The response's estimated size, from the request's budget (0 when the context has none). */
function responseBytes(requestContext: GraphQLRequestContext<BaseContext>): number {
  return (requestContext.contextValue as { budget?: { spent: number } } | undefined)?.budget?.spent ?? 0;
}

/** True when the request carries credentials (an Authorization header, valid or not). */
function hasCredentials(requestContext: GraphQLRequestContext<BaseContext>): boolean {
  return requestContext.request.http?.headers.get('authorization') !== undefined;
}

/**
 * HTTP caching of /graphql, on top of Apollo's cache-control plugin (which turns the `@cacheControl` hints
 * into `Cache-Control: max-age=N, public|private`, or `no-store` for uncacheable responses and errors):
 * - every response's max-age is capped at `maxAgeSeconds`; requests with credentials and every operation
 *   that is not a query (mutations) are `no-store`;
 * - with `enabled` (and anonymous queries allowed), Apollo's response cache serves repeated anonymous
 *   queries from the gateway's cache (Redis or LRU), keyed by document, operation name, variables and the
 *   current ResponseCacheGeneration; responses with errors, or whose policy is not cacheable, are not stored.
 *   Only anonymous requests read or write it, so the auth scope of every entry is "anonymous".
 */
export function createHttpCachingPlugins(
  settings: ResponseCacheSettings,
  queries: 'public' | 'authenticated',
  cache: Cache,
): ApolloServerPlugin<BaseContext>[] {
  const plugins: ApolloServerPlugin<BaseContext>[] = [cachePolicyPlugin(settings.maxAgeSeconds)];
  // AUTH_QUERIES=authenticated refuses anonymous requests, the only ones the response cache serves.
  if (!settings.enabled || queries === 'authenticated') return plugins;
  const generation = new ResponseCacheGeneration(cache);
  plugins.push(
    responseCachePlugin<BaseContext>({
      cache: responseCacheStore(cache),
      extraCacheKeyData: async (requestContext) => (hasCredentials(requestContext) ? null : { generation: await generation.current() }),
      shouldReadFromCache: async (requestContext) => !hasCredentials(requestContext),
      // A response larger than an entry may be is not even serialized for the cache (the store would skip it anyway).
      shouldWriteToCache: async (requestContext) => !hasCredentials(requestContext) && responseBytes(requestContext) <= RESPONSE_CACHE_MAX_ENTRY_BYTES,
    }),
  );
  return plugins;
}

/**
 * Authenticated requests and non-queries get max-age 0 (`no-store`) up front; every other response's policy,
 * once execution has computed it from the hints, is capped at `maxAgeSeconds`. (Restricting the policy before
 * execution makes Apollo skip the hints altogether, so the cap waits for executionDidEnd.)
 */
function cachePolicyPlugin(maxAgeSeconds: number): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation(requestContext) {
          if (hasCredentials(requestContext) || requestContext.operation?.operation !== 'query') {
            requestContext.overallCachePolicy.restrict({ maxAge: 0 });
          }
        },
        async executionDidStart(requestContext) {
          return {
            async executionDidEnd() {
              requestContext.overallCachePolicy.restrict({ maxAge: maxAgeSeconds });
            },
          };
        },
      };
    },
  };
}
