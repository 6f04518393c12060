import { ForbiddenError, UnauthenticatedError } from '../core/errors';
import type { AuthResult } from './TokenVerifier';
import { type Principal, type ProtectedOperation, REQUIRED_ROLES } from './Principal';

/**
 * The authentication of one request, as resolvers see it: `require` answers the principal when its role may
 * perform the operation, and throws UNAUTHENTICATED (no token, or a bad one) or FORBIDDEN (wrong role).
 */
export class RequestAuth {
  constructor(private readonly result: AuthResult) {}

  get principal(): Principal | undefined {
    return this.result.kind === 'principal' ? this.result.principal : undefined;
  }

  /**
   * Who is asking, for the `viewer` query: the principal, or undefined for an anonymous request; a token that was
   * sent but is not valid throws UNAUTHENTICATED (an app should learn that its token is bad, not that it is nobody).
   */
  viewer(): Principal | undefined {
    if (this.result.kind === 'invalid') throw new UnauthenticatedError(this.result.reason);
    return this.principal;
  }

  require(operation: ProtectedOperation): Principal {
    switch (this.result.kind) {
      case 'anonymous':
        throw new UnauthenticatedError(`${operation} needs a bearer token (Authorization: Bearer <token>)`);
      case 'invalid':
        throw new UnauthenticatedError(this.result.reason);
      case 'principal': {
        const allowed: readonly string[] = REQUIRED_ROLES[operation];
        if (!allowed.includes(this.result.principal.role)) throw new ForbiddenError(operation, this.result.principal.role, allowed);
        return this.result.principal;
      }
    }
  }
}
