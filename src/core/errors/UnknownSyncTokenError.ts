import { DomainError } from './DomainError';
import { ErrorCode } from './ErrorCode';

/**
 * A well-signed sync token the caller may not read or the catalog does not know: issued to another principal, asked
 * anonymously, or naming a change this database never recorded (a database reset since). One error, one message for
 * all of them, so that the answer never tells whether the change exists. NOT_FOUND on the `token` argument.
 */
export class UnknownSyncTokenError extends DomainError {
  constructor() {
    super('no change of yours is known by this sync token', ErrorCode.NotFound);
  }
}
