import { GraphQLError } from 'graphql';
import { type DomainError, ErrorCode } from '../../core/errors';
import { toGraphQLError } from '../graphql/graphqlErrors';

/** The codes of limits on one operation's document: depth, aliases, directives, tokens, cost, the allow-list. */
export const DOCUMENT_LIMIT_CODES = [
  ErrorCode.QueryTooDeep,
  ErrorCode.TooManyAliases,
  ErrorCode.TooManyDirectives,
  ErrorCode.TooManyTokens,
  ErrorCode.QueryTooComplex,
  ErrorCode.QueryNotInSafelist,
] as const;

/** The codes a request limit answers with (each documented in README, "Limits"): the document's, a batch's, a body's. */
export const REQUEST_LIMIT_CODES = [...DOCUMENT_LIMIT_CODES, ErrorCode.BatchLimitExceeded, ErrorCode.PayloadTooLarge] as const;
export type RequestLimitCode = (typeof REQUEST_LIMIT_CODES)[number];

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
