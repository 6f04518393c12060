import { ErrorCode } from './ErrorCode';
import { DomainError } from './DomainError';

/** The operation needs a valid bearer token and the request had none, or an invalid or expired one. */
export class UnauthenticatedError extends DomainError {
  constructor(reason: string) {
    super(`authentication required: ${reason}`, ErrorCode.Unauthenticated);
  }
}
