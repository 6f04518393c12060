import { type ProtectedOperation, REQUIRED_ROLES, ROLES } from '../../../../src/auth/Principal';
import { RequestAuth } from '../../../../src/auth/RequestAuth';
import { ForbiddenError, UnauthenticatedError } from '../../../../src/core/errors';

const OPERATIONS = Object.keys(REQUIRED_ROLES) as ProtectedOperation[];

const asPrincipal = (role: string) => new RequestAuth({ kind: 'principal', principal: { subject: 'user-1', role } });

function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected a throw');
}

describe('RequestAuth', () => {
  it('tells the viewer: nobody when anonymous, the principal of a valid token, UNAUTHENTICATED for a bad one', () => {
    expect(new RequestAuth({ kind: 'anonymous' }).viewer()).toBeUndefined();
    expect(asPrincipal('reader').viewer()).toEqual({ subject: 'user-1', role: 'reader' });
    const err = thrownBy(() => new RequestAuth({ kind: 'invalid', reason: 'the token has expired' }).viewer());
    expect(err).toBeInstanceOf(UnauthenticatedError);
    expect((err as Error).message).toContain('the token has expired');
  });

  it('has no principal for an anonymous request, and UNAUTHENTICATED for every protected operation', () => {
    const auth = new RequestAuth({ kind: 'anonymous' });
    expect(auth.principal).toBeUndefined();
    for (const operation of OPERATIONS) {
      const err = thrownBy(() => auth.require(operation));
      expect(err).toBeInstanceOf(UnauthenticatedError);
      expect((err as UnauthenticatedError).extensions['code']).toBe('UNAUTHENTICATED');
      expect((err as Error).message).toContain(operation);
      expect((err as Error).message).toContain('Bearer');
    }
  });

  it('answers UNAUTHENTICATED with the reason for an invalid token', () => {
    const auth = new RequestAuth({ kind: 'invalid', reason: 'the token has expired' });
    expect(auth.principal).toBeUndefined();
    const err = thrownBy(() => auth.require('createArticle'));
    expect(err).toBeInstanceOf(UnauthenticatedError);
    expect((err as UnauthenticatedError).extensions['code']).toBe('UNAUTHENTICATED');
    expect((err as Error).message).toBe('authentication required: the token has expired');
  });

  it('answers the principal when its role may perform the operation', () => {
    const auth = asPrincipal('editor');
    expect(auth.principal).toEqual({ subject: 'user-1', role: 'editor' });
    expect(auth.require('createArticle')).toEqual({ subject: 'user-1', role: 'editor' });
    expect(auth.require('updateArticle').subject).toBe('user-1');
    expect(auth.require('deleteArticle').subject).toBe('user-1');
  });

  it('answers FORBIDDEN, listing the roles that may, when the role may not', () => {
    const err = thrownBy(() => asPrincipal('editor').require('requeueDeadLetters'));
    expect(err).toBeInstanceOf(ForbiddenError);
    expect((err as ForbiddenError).extensions).toMatchObject({ code: 'FORBIDDEN', requiredRoles: ['admin'] });
    expect((err as Error).message).toContain("role 'editor' may not requeueDeadLetters");
  });

  it('lets admin perform every protected operation', () => {
    const auth = asPrincipal('admin');
    for (const operation of OPERATIONS) expect(auth.require(operation).role).toBe('admin');
  });

  it('forbids every protected operation to an unknown role (a valid token, but FORBIDDEN, not UNAUTHENTICATED)', () => {
    const auth = asPrincipal('viewer');
    expect(auth.principal?.role).toBe('viewer');
    for (const operation of OPERATIONS) {
      const err = thrownBy(() => auth.require(operation));
      expect(err).toBeInstanceOf(ForbiddenError);
      expect((err as ForbiddenError).extensions['requiredRoles']).toEqual([...REQUIRED_ROLES[operation]]);
    }
  });

  it('matches roles exactly (no case folding)', () => {
    expect(thrownBy(() => asPrincipal('Admin').require('outbox'))).toBeInstanceOf(ForbiddenError);
  });

  it('follows the REQUIRED_ROLES table for every known role and operation', () => {
    for (const role of ROLES) {
      for (const operation of OPERATIONS) {
        const allowed = (REQUIRED_ROLES[operation] as readonly string[]).includes(role);
        if (allowed) expect(asPrincipal(role).require(operation).role).toBe(role);
        else expect(thrownBy(() => asPrincipal(role).require(operation))).toBeInstanceOf(ForbiddenError);
      }
    }
  });

  it('keeps the outbox administration for admins only', () => {
    expect(REQUIRED_ROLES.outbox).toEqual(['admin']);
    expect(REQUIRED_ROLES.requeueDeadLetters).toEqual(['admin']);
  });
});
