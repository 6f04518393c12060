/** The `extensions.code` values the gateway puts on errors. Clients may switch on them. */
export const ErrorCode = {
  BadUserInput: 'BAD_USER_INPUT',
  NotFound: 'NOT_FOUND',
  UpstreamUnavailable: 'UPSTREAM_UNAVAILABLE',
  InternalServerError: 'INTERNAL_SERVER_ERROR',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];
