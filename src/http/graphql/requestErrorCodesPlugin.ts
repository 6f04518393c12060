import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { GraphQLError } from 'graphql';
import { ErrorCode } from '../../core/errors';

// graphql-js's wording when parse() stops at ParseOptions.maxTokens (graphql/src/language/parser.ts; 16.x
// spells it "more that", so both spellings are accepted).
const TOKEN_LIMIT_MESSAGE = /^Syntax Error: Document contains more tha[nt] (\d+) tokens\. Parsing aborted\.$/;

// Apollo's refusals of a malformed automatic persisted query, which it sends without a code (so they would be
// masked as INTERNAL_SERVER_ERROR).
const PERSISTED_QUERY_MESSAGES = new Set(['provided sha does not match query', 'Unsupported persisted query version']);

/**
 * Gives request errors that Apollo Server or graphql-js raise without a specific code the gateway's codes:
 * - a document over the token limit (graphql-js's `maxTokens` parse option, which stops the lexer before any
 *   parse tree is built) is TOO_MANY_TOKENS with `limit`, rather than GRAPHQL_PARSE_FAILED;
 * - a persisted-query extension whose hash does not match the query, or of an unknown version, is BAD_REQUEST.
 * The status stays Apollo's (400). Apollo builds these errors itself, so the plugin relabels them in place in
 * `didEncounterErrors`, which runs before errors are formatted.
 */
export function requestErrorCodesPlugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors }) {
          for (const error of errors) relabel(error);
        },
      };
    },
  };
}

function relabel(error: GraphQLError): void {
  const tokens = TOKEN_LIMIT_MESSAGE.exec(error.originalError?.message ?? error.message);
  if (tokens) {
    error.extensions['code'] = ErrorCode.TooManyTokens;
    error.extensions['limit'] = Number(tokens[1]);
  } else if (error.extensions['code'] === undefined && PERSISTED_QUERY_MESSAGES.has(error.message)) {
    error.extensions['code'] = 'BAD_REQUEST';
  }
}
