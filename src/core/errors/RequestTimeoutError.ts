import { ErrorCode } from './ErrorCode';
import { DomainError } from './DomainError';

/**
 * The request ran past its deadline (GRAPHQL_REQUEST_TIMEOUT_MS): store calls still running or started after
 * it fail with this error instead of keeping the client waiting. `extensions.timeoutMs` gives the deadline.
 */
export class RequestTimeoutError extends DomainError {
  constructor(readonly timeoutMs: number) {
    super(`the request did not complete within ${timeoutMs} ms`, ErrorCode.RequestTimeout, { timeoutMs });
  }
}
