import type { ApolloServerPlugin, BaseContext, GraphQLResponse } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import { gatewayMetrics, type GatewayMetrics } from '../core/metrics';
import { MAX_OPERATION_NAME_LENGTH, type OperationLabels, operationLabel } from './operationLabel';
import { currentRequestScope } from '../core/requestScope';
import { assertNever } from '../core/assertNever';

/**
 * Tells the request's scope what GraphQL learnt about it — the operation's name for the log line (cut at 100
 * characters) and its label for gateway_http_request_duration_seconds (bounded by `labels`, see OperationLabels;
 * `batch` for several operations in one HTTP request), and the codes of the errors in the response — and counts
 * every error of a response in gateway_graphql_errors_total{code} (the code the client sees, after masking).
 */
export function observabilityPlugin<TContext extends BaseContext>(
  metrics: GatewayMetrics = gatewayMetrics,
  labels: Pick<OperationLabels, 'labelOf'> = { labelOf: operationLabel },
): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      const scope = currentRequestScope();
      const batched = scope?.graphql === true;
      if (scope) scope.graphql = true;
      return {
        async didResolveOperation({ operationName }) {
          if (!scope) return;
          scope.operation = batched ? 'batch' : labels.labelOf(operationName);
          scope.operationName = batched ? 'batch' : operationName ? operationName.slice(0, MAX_OPERATION_NAME_LENGTH) : 'anonymous';
        },
        async willSendResponse({ response }) {
          for (const error of responseErrors(response.body)) {
            const code = typeof error.extensions?.['code'] === 'string' ? error.extensions['code'] : 'INTERNAL_SERVER_ERROR';
            metrics.graphqlErrors.inc({ code });
            scope?.errorCodes.push(code);
          }
        },
      };
    },
  };
}

function responseErrors(body: GraphQLResponse['body']): readonly GraphQLFormattedError[] {
  switch (body.kind) {
    case 'single':
      return body.singleResult.errors ?? [];
    case 'incremental':
      return body.initialResult.errors ?? [];
    default:
      return assertNever(body);
  }
}

