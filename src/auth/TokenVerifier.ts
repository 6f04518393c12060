import { createSecretKey, type KeyObject } from 'node:crypto';
import { errors, importSPKI, jwtVerify, type KeyLike } from 'jose';
import type { AuthConfig } from './AuthConfig';
import { readOrCreateDevSecret } from './devSecret';
import type { Principal } from './Principal';

/** The outcome of checking a request's `Authorization` header. */
export type AuthResult =
  | { readonly kind: 'anonymous' }
  | { readonly kind: 'principal'; readonly principal: Principal }
  | { readonly kind: 'invalid'; readonly reason: string };

/** The HS256 key of a shared secret (configured or the development file). */
export function secretKeyOf(config: AuthConfig): KeyObject | undefined {
  switch (config.key.kind) {
    case 'secret':
      return createSecretKey(Buffer.from(config.key.secret, 'utf8'));
    case 'devSecretFile':
      return createSecretKey(Buffer.from(readOrCreateDevSecret(config.key.path), 'utf8'));
    case 'publicKey':
    case 'none':
      return undefined;
  }
}

/** Clock skew tolerated on `exp`, `nbf` and `iat`, in seconds. */
const CLOCK_TOLERANCE_SECONDS = 30;

/**
 * Verifies bearer tokens (JWT, with `jose`): signature with the configured key and algorithm only, `exp`/`nbf`
 * with 30 s of clock tolerance, the configured `iss` and `aud`, a `sub`, and a string `role` claim; and a bounded
 * lifetime (AUTH_JWT_MAX_AGE): `iat` is required, not in the future, not longer ago than the maximum age, and
 * `exp − iat` is no longer than it — so a token minted with `exp: 10^20` is refused at once. Never throws: a bad
 * token is an `invalid` result whose reason is safe to show to the client.
 */
export class TokenVerifier {
  private constructor(
    private readonly config: AuthConfig,
    private readonly key: KeyLike | KeyObject | undefined,
    private readonly algorithms: string[],
  ) {}

  static async create(config: AuthConfig): Promise<TokenVerifier> {
    if (config.key.kind === 'publicKey') {
      return new TokenVerifier(config, await importSPKI(config.key.pem, config.key.algorithm), [config.key.algorithm]);
    }
    return new TokenVerifier(config, secretKeyOf(config), ['HS256']);
  }

  async verify(authorization: string | undefined): Promise<AuthResult> {
    if (authorization === undefined || authorization.trim() === '') return { kind: 'anonymous' };
    const match = /^Bearer\s+([A-Za-z0-9._~+/=-]+)\s*$/i.exec(authorization);
    if (!match) return { kind: 'invalid', reason: 'the Authorization header must be "Bearer <token>"' };
    if (!this.key) return { kind: 'invalid', reason: 'no token verification key is configured (AUTH_JWT_SECRET or AUTH_JWT_PUBLIC_KEY)' };
    try {
      const { payload } = await jwtVerify(match[1] as string, this.key, {
        algorithms: this.algorithms,
        issuer: this.config.issuer,
        audience: this.config.audience,
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        requiredClaims: ['sub', 'exp', 'iat'],
        // Also refuses an `iat` in the future (beyond the tolerance).
        maxTokenAge: this.config.maxTokenAgeSeconds,
      });
      const lifetime = (payload.exp as number) - (payload.iat as number);
      if (!(lifetime <= this.config.maxTokenAgeSeconds)) {
        return { kind: 'invalid', reason: `the token lives longer (exp − iat) than the ${span(this.config.maxTokenAgeSeconds)} this gateway accepts (AUTH_JWT_MAX_AGE)` };
      }
      if (typeof payload.sub !== 'string' || payload.sub === '') return { kind: 'invalid', reason: 'the token has no subject (sub) claim' };
      if (typeof payload['role'] !== 'string') return { kind: 'invalid', reason: 'the token has no role claim' };
      return { kind: 'principal', principal: { subject: payload.sub, role: payload['role'] } };
    } catch (err) {
      return { kind: 'invalid', reason: describe(err, this.config.maxTokenAgeSeconds) };
    }
  }
}

/** Why jose refused the token, in words safe to show the client. */
function describe(err: unknown, maxAgeSeconds: number): string {
  if (err instanceof errors.JWTExpired && err.claim === 'iat') return `the token was issued more than ${span(maxAgeSeconds)} ago (AUTH_JWT_MAX_AGE)`;
  if (err instanceof errors.JWTExpired) return 'the token has expired';
  if (err instanceof errors.JWTClaimValidationFailed && err.claim === 'iat') {
    return err.reason === 'check_failed' ? "the token's iat (issued at) claim is in the future" : "the token's iat (issued at) claim is missing or not a number";
  }
  if (err instanceof errors.JWTClaimValidationFailed) return `the token's ${err.claim} claim is not accepted`;
  if (err instanceof errors.JWSSignatureVerificationFailed) return 'the token signature is not valid';
  if (err instanceof errors.JOSEAlgNotAllowed) return 'the token is signed with an algorithm this gateway does not accept';
  if (err instanceof errors.JOSEError) return `the token is not valid (${err.code})`;
  return 'the token is not valid';
}

/** Seconds as people write them: `24 h`, `90 min`, `45 s`. */
function span(seconds: number): string {
  if (seconds % 3600 === 0) return `${seconds / 3600} h`;
  if (seconds % 60 === 0) return `${seconds / 60} min`;
  return `${seconds} s`;
}
