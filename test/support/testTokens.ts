import { createSecretKey } from 'node:crypto';
import { SignJWT } from 'jose';

/** The signing secret every test gateway is started with (AUTH_JWT_SECRET). */
export const TEST_JWT_SECRET = 'test-secret-for-the-gateway-test-suites-0123456789';

const KEY = createSecretKey(Buffer.from(TEST_JWT_SECRET, 'utf8'));

/** A token as an identity provider would issue it (signed here with jose directly, not with the gateway's code). */
export function testToken(
  role: string,
  options: { secret?: string; issuer?: string; audience?: string; expiresIn?: string | number; subject?: string } = {},
): Promise<string> {
  const key = options.secret === undefined ? KEY : createSecretKey(Buffer.from(options.secret, 'utf8'));
  return new SignJWT({ role })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(options.subject ?? `test-${role}`)
    .setIssuer(options.issuer ?? 'openalex-gateway')
    .setAudience(options.audience ?? 'openalex-gateway')
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '10m')
    .sign(key);
}
