import { GraphQLError } from 'graphql';
import type { DomainError, ErrorCode } from '../../core/errors';
import { toGraphQLError } from '../graphql/graphqlErrors';

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
 * A GraphQLError (it is born at the API edge: validation rules report it as one).
 */
export class RequestLimitError extends GraphQLError {
  constructor(code: RequestLimitCode, message: string, details: { limit?: number; actual?: number; batchTotal?: number } = {}) {
    super(message, { extensions: { ...details, code } });
    this.name = 'RequestLimitError';
  }
}

/**
 * `error` as Apollo Server should throw it from a plugin hook: a GraphQLError whose `extensions.http` sets
 * the status (Apollo answers 500 otherwise). The error rides along as `originalError`, so formatError shows its
 * code and extensions — and never the `http` entry, which Apollo strips from this wrapper only.
 */
export function withHttpStatus(error: DomainError | RequestLimitError, status: number): GraphQLError {
  if (error instanceof GraphQLError) return new GraphQLError(error.message, { originalError: error, extensions: { ...error.extensions, http: { status } } });
  return toGraphQLError(error, { status });
}
