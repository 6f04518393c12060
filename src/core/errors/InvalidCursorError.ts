import { DomainError } from './DomainError';
import { ErrorCode } from './ErrorCode';

/**
 * A page's `after` cursor that this gateway cannot use: not one it made, made for another order, query or filter,
 * or holding a value that does not fit its sort key. Reported as BAD_USER_INPUT on the `after` argument.
 */
export class InvalidCursorError extends DomainError {
  constructor(message: string) {
    super(message, ErrorCode.BadUserInput);
  }
}
