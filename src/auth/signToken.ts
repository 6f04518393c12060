import type { KeyObject } from 'node:crypto';
import { SignJWT } from 'jose';
import type { Role } from './Principal';

/** Claims of a token this gateway signs for development and tests. */
export interface TokenClaims {
  readonly subject: string;
  readonly role: Role | string;
  readonly issuer: string;
  readonly audience: string;
  /** jose's time span (`12h`, `30m`) or seconds since the epoch. */
  readonly expiresIn: string | number;
}

/** An HS256 JWT with `sub`, `role`, `iss`, `aud`, `iat` and `exp`. */
export function signToken(key: KeyObject, claims: TokenClaims): Promise<string> {
  return new SignJWT({ role: claims.role })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.subject)
    .setIssuer(claims.issuer)
    .setAudience(claims.audience)
    .setIssuedAt()
    .setExpirationTime(claims.expiresIn)
    .sign(key);
}
