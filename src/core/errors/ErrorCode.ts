/** The `extensions.code` values the gateway puts on errors. Clients may switch on them. */
export const ErrorCode = {
  BadUserInput: 'BAD_USER_INPUT',
  NotFound: 'NOT_FOUND',
  UpstreamUnavailable: 'UPSTREAM_UNAVAILABLE',
  RequestTimeout: 'REQUEST_TIMEOUT',
  Conflict: 'CONFLICT',
  Unauthenticated: 'UNAUTHENTICATED',
  Forbidden: 'FORBIDDEN',
  // Request limits (src/http/limits/requestLimits.ts): the request was refused before anything ran.
  QueryTooDeep: 'QUERY_TOO_DEEP',
  TooManyAliases: 'TOO_MANY_ALIASES',
  TooManyDirectives: 'TOO_MANY_DIRECTIVES',
  TooManyTokens: 'TOO_MANY_TOKENS',
  QueryTooComplex: 'QUERY_TOO_COMPLEX',
  BatchLimitExceeded: 'BATCH_LIMIT_EXCEEDED',
  PayloadTooLarge: 'PAYLOAD_TOO_LARGE',
  QueryNotInSafelist: 'QUERY_NOT_IN_SAFELIST',
  // Execution limits: the response would exceed GRAPHQL_MAX_RESPONSE_BYTES.
  ResponseTooLarge: 'RESPONSE_TOO_LARGE',
  // Refused before GraphQL sees it (src/http/middleware/jsonBody.ts): the request's JSON nests too deep to walk safely.
  JsonTooDeep: 'JSON_TOO_DEEP',
  InternalServerError: 'INTERNAL_SERVER_ERROR',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];
