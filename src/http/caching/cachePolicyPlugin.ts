import type { ApolloServerPlugin, BaseContext, GraphQLRequestContext } from '@apollo/server';

/** True when the request carries credentials (an Authorization header, valid or not). */
function hasCredentials(requestContext: GraphQLRequestContext<BaseContext>): boolean {
  return requestContext.request.http?.headers.get('authorization') !== undefined;
}

/**
 * The Cache-Control of /graphql's answers, on top of Apollo's cache-control plugin (which turns the `@cacheControl`
 * hints into `Cache-Control: max-age=N, public|private`, or `no-store` for uncacheable responses and errors): every
 * response's max-age is capped at RESPONSE_CACHE_MAX_AGE; requests with credentials and every operation that is not a
 * query (mutations) are `no-store`. The response cache (src/http/caching/ResponseCacheFront.ts) stores exactly the
 * answers this leaves `max-age=N, public`.
 *
 * Authenticated requests and non-queries get max-age 0 (`no-store`) up front; every other response's policy,
 * once execution has computed it from the hints, is capped at `maxAgeSeconds`. (Restricting the policy before
 * execution makes Apollo skip the hints altogether, so the cap waits for executionDidEnd.)
 */
export function cachePolicyPlugin(maxAgeSeconds: number): ApolloServerPlugin<BaseContext> {
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
