import { ErrorCode } from './ErrorCode';
import { DomainError } from './DomainError';

/** The token is valid but its role may not perform the operation; `extensions.requiredRoles` says who may. */
export class ForbiddenError extends DomainError {
  constructor(operation: string, role: string, requiredRoles: readonly string[]) {
    super(`role '${role}' may not ${operation}; it needs one of: ${requiredRoles.join(', ')}`, ErrorCode.Forbidden, {
      requiredRoles: [...requiredRoles],
    });
  }
}
