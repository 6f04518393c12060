import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { DOCUMENT_LIMIT_CODES } from '../limits/RequestLimitError';
import { negotiateGraphqlMediaType } from '../middleware/graphqlMediaType';

/**
 * Codes of errors about a well-formed GraphQL-over-HTTP request whose document, operation or variables are
 * refused: parse and validation failures (the document limits among them), variable coercion, an unknown
 * operation name, the cost limit and the allow-list.
 */
const DOCUMENT_ERROR_CODES = new Set<unknown>([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'OPERATION_RESOLUTION_FAILURE',
  ...DOCUMENT_LIMIT_CODES,
]);

/**
 * The GraphQL-over-HTTP status rule for `application/json` responses (spec, "application/json" section): a
 * well-formed request answers 200 even when its document fails to parse or validate or its variables do not
 * coerce, because legacy clients and intermediaries may not read the body of a 4xx. Apollo answers 400 for
 * those whatever the media type; this plugin turns that 400 into 200 when the response is `application/json`.
 * With `application/graphql-response+json` the 400 stays, as that section of the spec asks.
 */
export function legacyJsonStatusPlugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ request, response }) {
          if (response.http.status !== 400 || response.body.kind !== 'single') return;
          const { singleResult } = response.body;
          if ('data' in singleResult || !singleResult.errors?.length) return;
          if (!singleResult.errors.every((e) => DOCUMENT_ERROR_CODES.has(e.extensions?.['code']))) return;
          if (negotiateGraphqlMediaType(request.http?.headers.get('accept')) !== 'application/json') return;
          response.http.status = 200;
        },
      };
    },
  };
}
