import type { ResponseCacheability } from '../../core/ResponseCacheability';
import type { ApolloServerPlugin, BaseContext, GraphQLRequestContext } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import type { OperationDefinitionNode } from 'graphql';
import { type CacheHint, staticCachePolicy } from './staticCachePolicy';

/** True when the request carries credentials (an Authorization header, valid or not). */
function hasCredentials(requestContext: GraphQLRequestContext<BaseContext>): boolean {
  return requestContext.request.http?.headers.get('authorization') !== undefined;
}

/**
 * The Cache-Control of /graphql's answers, from the `@cacheControl` hints of the schema: `max-age=N, public|private`
 * with the strictest hint of the operation's fields (staticCachePolicy: Apollo's rules, computed once per document
 * instead of on every resolved field — Apollo's own cache-control plugin is off), `no-store` for a response with
 * errors or an uncacheable field. Every max-age is capped at RESPONSE_CACHE_MAX_AGE; requests with credentials and
 * every operation that is not a query (mutations) are `no-store`. The response cache
 * (src/http/caching/ResponseCacheFront.ts) stores exactly the answers this leaves `max-age=N, public`.
 */
export function cachePolicyPlugins(maxAgeSeconds: number): ApolloServerPlugin<BaseContext>[] {
  const policies = new WeakMap<OperationDefinitionNode, CacheHint>();
  const plugin: ApolloServerPlugin<BaseContext> = {
    async requestDidStart() {
      return {
        async didResolveOperation(requestContext) {
          const { operation, document, schema } = requestContext;
          if (hasCredentials(requestContext) || operation?.operation !== 'query') {
            requestContext.overallCachePolicy.restrict({ maxAge: 0 });
            return;
          }
          let policy = policies.get(operation);
          if (!policy) {
            policy = staticCachePolicy(schema, document, operation);
            policies.set(operation, policy);
          }
          requestContext.overallCachePolicy.restrict(policy);
          // Nothing restricted (only meta fields): no hint says it may be cached, so it is not (no-store), as Apollo has it.
          if (policy.maxAge !== undefined) requestContext.overallCachePolicy.restrict({ maxAge: maxAgeSeconds });
        },
        async willSendResponse({ response, overallCachePolicy, contextValue }) {
          // A resolver whose answer is random (ResponseCacheability) makes the whole answer uncacheable.
          if ((contextValue as { cacheability?: ResponseCacheability }).cacheability?.cacheable === false) overallCachePolicy.restrict({ maxAge: 0, scope: 'PRIVATE' });
          // An answer another plugin made uncacheable (the response budget's replacement) stays so.
          if (response.http.headers.get('cache-control') === 'no-store') return;
          const policy = overallCachePolicy.policyIfCacheable();
          const cacheable = policy !== null && response.body.kind === 'single' && !response.body.singleResult.errors;
          response.http.headers.set('cache-control', cacheable ? `max-age=${policy.maxAge}, ${policy.scope.toLowerCase()}` : 'no-store');
        },
      };
    },
  };
  return [ApolloServerPluginCacheControlDisabled(), plugin];
}
