import type { ApolloServerOptions, ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import type { Logger } from '../core/logger';
import { currentRequestScope } from '../core/requestScope';
import { errorMessage } from '../core/errorMessage';

type ApolloLogger = NonNullable<ApolloServerOptions<BaseContext>['logger']>;

/** What Apollo Server throws in place of an error it did not expect (ApolloServer.ts, internalExecuteOperation). */
const APOLLO_GENERIC_MESSAGE = 'Internal server error';
const APOLLO_UNEXPECTED_LINE = /^Unexpected error processing request: /;

/** What the server wires in: formatError's hook, the Apollo plugin and the logger Apollo Server writes to. */
export interface InternalErrorLog {
  /** For createFormatError: called with each error answered as INTERNAL_SERVER_ERROR (masked outside development). */
  readonly onInternalError: (error: unknown, formatted: GraphQLFormattedError) => void;
  /** Keeps the real cause when Apollo fails unexpectedly, since it then formats only a generic error. */
  readonly plugin: ApolloServerPlugin<BaseContext>;
  /** Apollo Server's own log lines, as JSON lines of `logger` with the request id. */
  readonly apolloLogger: ApolloLogger;
}

/**
 * Every INTERNAL_SERVER_ERROR leaves its cause in the log: once, at error level, as `internal server error` with the
 * request id (the client's `x-request-id`), the response path, and the unmasked cause — its message and stack
 * (pino's `err`), found under the GraphQLError wrappers. The client still sees only the masked error; the request
 * id joins the two. When Apollo itself fails unexpectedly (a plugin throwing, a stack overflow), it formats a
 * generic error; the plugin records the real cause in the request's scope, so that one is logged instead, and
 * Apollo's own line about it (a string without a stack) goes to debug level, so the error is logged once.
 */
export function internalErrorLog(logger: Logger): InternalErrorLog {
  const apolloLog = logger.child({ component: 'apollo-server' });
  const withRequest = (level: 'debug' | 'info' | 'warn' | 'error') => (message?: unknown) => {
    const requestId = currentRequestScope()?.requestId;
    const text = errorMessage(message);
    const line = level === 'error' && APOLLO_UNEXPECTED_LINE.test(text) ? 'debug' : level;
    apolloLog[line]({ ...(requestId ? { requestId } : {}), ...(message instanceof Error ? { err: message } : {}) }, text);
  };
  return {
    onInternalError: (error, formatted) => {
      const scope = currentRequestScope();
      let cause = rootCause(error);
      if (cause instanceof Error && cause.message === APOLLO_GENERIC_MESSAGE && scope?.unexpectedError !== undefined) cause = scope.unexpectedError;
      logger.error(
        {
          requestId: scope?.requestId,
          ...(formatted.path ? { path: formatted.path } : {}),
          err: cause instanceof Error ? cause : new Error(`non-Error thrown: ${String(cause)}`),
        },
        'internal server error',
      );
    },
    plugin: {
      async unexpectedErrorProcessingRequest({ error }) {
        const scope = currentRequestScope();
        if (scope) scope.unexpectedError = error;
      },
    },
    apolloLogger: { debug: withRequest('debug'), info: withRequest('info'), warn: withRequest('warn'), error: withRequest('error') },
  };
}

/** The innermost cause under GraphQLError `originalError`s and Error `cause`s (at most 10 levels). */
function rootCause(error: unknown): unknown {
  let current = error;
  for (let depth = 0; depth < 10; depth++) {
    if (current === null || typeof current !== 'object') return current;
    const next = (current as { originalError?: unknown }).originalError ?? (current as { cause?: unknown }).cause;
    if (next === undefined || next === null || next === current) return current;
    current = next;
  }
  return current;
}
