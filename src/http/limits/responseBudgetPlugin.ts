import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { RequestBudget } from './RequestBudget';

/** A context that carries the request's RequestBudget (GatewayContext). */
export interface BudgetContext extends BaseContext {
  readonly budget: RequestBudget;
}

/**
 * When an operation's execution stopped on the request's RequestBudget — the response would have passed
 * GRAPHQL_MAX_RESPONSE_BYTES, or the deadline passed — its response is replaced by that one error (`data: null`),
 * so neither the partial result nor the field errors execution collected while unwinding are serialized.
 * The operation's `Cache-Control` becomes `no-store` (a response with errors is never cached).
 */
export function responseBudgetPlugin<TContext extends BudgetContext>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response }) {
          const failure = (contextValue as Partial<TContext> | undefined)?.budget?.failure;
          if (!failure || response.body.kind !== 'single') return;
          response.body.singleResult = { data: null, errors: [{ message: failure.message, extensions: { ...failure.extensions } }] };
          response.http.headers.set('cache-control', 'no-store');
        },
      };
    },
  };
}
