import type { GraphQLFormattedError } from 'graphql';
import { ErrorCode } from '../../core/errors/ErrorCode';
import { DomainError } from '../../core/errors/DomainError';
import { REQUEST_LIMIT_CODES, RequestLimitError } from '../limits/RequestLimitError';
import { clientErrorOf } from './graphqlErrors';

/** Codes Apollo Server and graphql-js produce for a malformed request; they are safe to show as they are. */
const REQUEST_ERROR_CODES = new Set<unknown>([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  // Request limits (src/http/limits/requestLimits.ts); TOO_MANY_TOKENS labels a graphql-js parse error, the others are typed.
  ...REQUEST_LIMIT_CODES,
]);

/**
 * Apollo Server `formatError`: domain errors are shown as graphqlErrors.ts maps them, request errors pass through; anything else is an internal
 * error — masked as INTERNAL_SERVER_ERROR unless `exposeInternals` (development), and handed, unmasked, to
 * `onInternalError` (which logs its cause) whichever the mode. Never throws, whatever the hook does.
 */
export function createFormatError(exposeInternals: boolean, onInternalError?: (error: unknown, formatted: GraphQLFormattedError) => void) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    try {
      const original = unwrap(error);
      if (original instanceof DomainError) {
        const { message, extensions } = clientErrorOf(original);
        return { ...formatted, message, extensions: { ...extensions } };
      }
      if (original instanceof RequestLimitError) return { ...formatted, message: original.message, extensions: { ...original.extensions } };
      const code = formatted.extensions?.['code'];
      if (REQUEST_ERROR_CODES.has(code)) return formatted;
      try {
        onInternalError?.(error, formatted);
      } catch {
        // Reporting must not turn one error into another.
      }
      if (exposeInternals) return formatted;
      return {
        message: 'Internal server error',
        ...(formatted.locations ? { locations: formatted.locations } : {}),
        ...(formatted.path ? { path: formatted.path } : {}),
        extensions: { code: ErrorCode.InternalServerError },
      };
    } catch {
      return { message: 'Internal server error', extensions: { code: ErrorCode.InternalServerError } };
    }
  };
}

/** A resolver's error reaches formatError wrapped in a GraphQLError; the typed one is an originalError. */
function unwrap(error: unknown): unknown {
  let current = error;
  for (let depth = 0; depth < 5; depth++) {
    if (current instanceof DomainError || current instanceof RequestLimitError) return current;
    const next = current && typeof current === 'object' ? (current as { originalError?: unknown }).originalError : undefined;
    if (!next || next === current) return current;
    current = next;
  }
  return current;
}
