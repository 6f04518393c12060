import { GraphQLError } from 'graphql';
import { type ErrorCode, GatewayError } from '../core/errors';

/** The codes a request limit answers with (each documented in README, "Limits"). */
export type RequestLimitCode =
  | typeof ErrorCode.QueryTooDeep
  | typeof ErrorCode.TooManyAliases
  | typeof ErrorCode.TooManyDirectives
  | typeof ErrorCode.TooManyTokens
  | typeof ErrorCode.QueryTooComplex
  | typeof ErrorCode.BatchLimitExceeded
  | typeof ErrorCode.PayloadTooLarge
  | typeof ErrorCode.QueryNotInSafelist;

/**
 * A request refused by a limit before anything ran: `extensions.code` names the limit, `extensions.limit` is
 * the configured maximum (absent for the allow-list), `extensions.actual` what the request had when it is known.
 */
export class RequestLimitError extends GatewayError {
  constructor(code: RequestLimitCode, message: string, details: { limit?: number; actual?: number; batchTotal?: number } = {}) {
    super(message, code, { ...details });
  }
}

/**
 * `error` as Apollo Server should throw it from a plugin hook: a GraphQLError whose `extensions.http` sets
 * the status (Apollo answers 500 otherwise). The typed error rides along as `originalError`, so formatError
 * shows its code and extensions — and never the `http` entry, which Apollo strips from this wrapper only.
 */
export function withHttpStatus(error: GatewayError, status: number): GraphQLError {
  return new GraphQLError(error.message, {
    originalError: error,
    extensions: { ...error.extensions, http: { status } },
  });
}
