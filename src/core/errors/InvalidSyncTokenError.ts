import { DomainError } from './DomainError';
import { ErrorCode } from './ErrorCode';

/**
 * A sync token this gateway did not sign, or signed and someone altered: garbled, truncated, too long, forged.
 * Reported as BAD_USER_INPUT on the `token` argument.
 */
export class InvalidSyncTokenError extends DomainError {
  constructor(reason: string) {
    super(`\`token\` is not a sync token issued by this gateway: ${reason}`, ErrorCode.BadUserInput);
  }
}
