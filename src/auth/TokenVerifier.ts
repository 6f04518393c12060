import { createSecretKey, type KeyObject } from 'node:crypto';
import { errors, importSPKI, jwtVerify, type KeyLike } from 'jose';
import type { AuthConfig } from '../config';
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

/**
 * Verifies bearer tokens (JWT, with `jose`): signature with the configured key and algorithm only, `exp`/`nbf`
 * with 30 s of clock tolerance, the configured `iss` and `aud`, a `sub`, and a string `role` claim. Never throws:
 * a bad token is an `invalid` result whose reason is safe to show to the client.
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
        clockTolerance: 30,
        requiredClaims: ['sub', 'exp'],
      });
      if (typeof payload.sub !== 'string' || payload.sub === '') return { kind: 'invalid', reason: 'the token has no subject (sub) claim' };
      if (typeof payload['role'] !== 'string') return { kind: 'invalid', reason: 'the token has no role claim' };
      return { kind: 'principal', principal: { subject: payload.sub, role: payload['role'] } };
    } catch (err) {
      return { kind: 'invalid', reason: describe(err) };
    }
  }
}

function describe(err: unknown): string {
  if (err instanceof errors.JWTExpired) return 'the token has expired';
  if (err instanceof errors.JWTClaimValidationFailed) return `the token's ${err.claim} claim is not accepted`;
  if (err instanceof errors.JWSSignatureVerificationFailed) return 'the token signature is not valid';
  if (err instanceof errors.JOSEAlgNotAllowed) return 'the token is signed with an algorithm this gateway does not accept';
  if (err instanceof errors.JOSEError) return `the token is not valid (${err.code})`;
  return 'the token is not valid';
}
