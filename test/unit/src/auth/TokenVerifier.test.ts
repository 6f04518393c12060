import { createSecretKey, type KeyObject } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { exportSPKI, generateKeyPair, type KeyLike, SignJWT, UnsecuredJWT } from 'jose';
import type { AuthConfig } from '../../../../src/auth/AuthConfig';
import { secretKeyOf, TokenVerifier } from '../../../../src/auth/TokenVerifier';

const ISSUER = 'openalex-gateway';
const AUDIENCE = 'openalex-gateway-api';
const SECRET = 'a-shared-secret-of-more-than-thirty-two-characters';

const secretConfig: AuthConfig = { key: { kind: 'secret', secret: SECRET }, issuer: ISSUER, audience: AUDIENCE, queries: 'public', maxTokenAgeSeconds: 24 * 3600 };
const secretKey = createSecretKey(Buffer.from(SECRET, 'utf8'));

const nowSeconds = () => Math.floor(Date.now() / 1000);

interface Claims {
  sub?: string;
  role?: unknown;
  iss?: string;
  aud?: string | string[];
  /** Seconds since the epoch; `null` leaves the claim out. */
  exp?: number | null;
  nbf?: number;
  /** Seconds since the epoch (default: now); `null` leaves the claim out. */
  iat?: number | null;
}

/** A JWT with the given claims (defaults: a valid editor token; '' leaves sub, iss or aud out), signed with `key` and `alg`. */
function sign(claims: Claims = {}, key: KeyObject | KeyLike | Uint8Array = secretKey, alg = 'HS256'): Promise<string> {
  const { sub = 'user-1', iss = ISSUER, aud = AUDIENCE, exp = nowSeconds() + 3600, nbf, iat = nowSeconds() } = claims;
  // An explicit `role: undefined` leaves the claim out.
  const role = 'role' in claims ? claims.role : 'editor';
  const jwt = new SignJWT(role === undefined ? {} : { role: role as string }).setProtectedHeader({ alg, typ: 'JWT' });
  if (iat !== null) jwt.setIssuedAt(iat);
  if (sub !== '') jwt.setSubject(sub);
  if (iss !== '') jwt.setIssuer(iss);
  if (aud !== '') jwt.setAudience(aud);
  if (exp !== null) jwt.setExpirationTime(exp);
  if (nbf !== undefined) jwt.setNotBefore(nbf);
  return jwt.sign(key);
}

let verifier: TokenVerifier;
beforeAll(async () => {
  verifier = await TokenVerifier.create(secretConfig);
});

describe('TokenVerifier with a shared secret (HS256)', () => {
  it.each([undefined, '', '   '])('answers anonymous for the Authorization header %p', async (header) => {
    expect(await verifier.verify(header)).toEqual({ kind: 'anonymous' });
  });

  it('answers the principal of a valid token: its sub and role', async () => {
    expect(await verifier.verify(`Bearer ${await sign({ sub: 'alice', role: 'admin' })}`)).toEqual({
      kind: 'principal',
      principal: { subject: 'alice', role: 'admin' },
    });
  });

  it('accepts the scheme case-insensitively and surrounding whitespace', async () => {
    const token = await sign();
    expect((await verifier.verify(`bearer ${token}`)).kind).toBe('principal');
    expect((await verifier.verify(`BEARER   ${token}  `)).kind).toBe('principal');
  });

  it('accepts a role outside the known ones: the token is valid, what it may do is decided later', async () => {
    expect(await verifier.verify(`Bearer ${await sign({ role: 'viewer' })}`)).toEqual({ kind: 'principal', principal: { subject: 'user-1', role: 'viewer' } });
  });

  it('accepts an aud list that includes the configured audience', async () => {
    expect((await verifier.verify(`Bearer ${await sign({ aud: ['other', AUDIENCE] })}`)).kind).toBe('principal');
  });

  it.each(['Basic dXNlcjpwYXNz', 'Bearer', 'Bearer ', 'Token abc.def.ghi', 'Bearer abc def', 'Bearer abc"def'])('refuses the malformed header %j', async (header) => {
    expect(await verifier.verify(header)).toEqual({ kind: 'invalid', reason: 'the Authorization header must be "Bearer <token>"' });
  });

  it.each(['abc', 'abc.def.ghi', 'a.b'])('refuses the garbage token %j without throwing', async (token) => {
    const result = await verifier.verify(`Bearer ${token}`);
    expect(result.kind).toBe('invalid');
    expect(result.kind === 'invalid' && result.reason).toMatch(/^the token is not valid/);
  });

  it('refuses a token signed with another secret, without echoing the token', async () => {
    const token = await sign({}, createSecretKey(Buffer.from('another-secret-of-more-than-thirty-two-chars', 'utf8')));
    const result = await verifier.verify(`Bearer ${token}`);
    expect(result).toEqual({ kind: 'invalid', reason: 'the token signature is not valid' });
  });

  it('refuses a token whose payload was changed after signing', async () => {
    const [header, , signature] = (await sign({ role: 'editor' })).split('.');
    const payload = Buffer.from(JSON.stringify({ sub: 'user-1', role: 'admin', iss: ISSUER, aud: AUDIENCE, exp: nowSeconds() + 3600 })).toString('base64url');
    expect(await verifier.verify(`Bearer ${header}.${payload}.${signature}`)).toEqual({ kind: 'invalid', reason: 'the token signature is not valid' });
  });

  it('refuses an expired token', async () => {
    expect(await verifier.verify(`Bearer ${await sign({ exp: nowSeconds() - 3600 })}`)).toEqual({ kind: 'invalid', reason: 'the token has expired' });
  });

  it('tolerates 30 s of clock skew on exp and nbf, not more', async () => {
    expect((await verifier.verify(`Bearer ${await sign({ exp: nowSeconds() - 5 })}`)).kind).toBe('principal');
    expect((await verifier.verify(`Bearer ${await sign({ nbf: nowSeconds() + 5 })}`)).kind).toBe('principal');
    expect(await verifier.verify(`Bearer ${await sign({ nbf: nowSeconds() + 600 })}`)).toEqual({ kind: 'invalid', reason: "the token's nbf claim is not accepted" });
  });

  it('refuses a token that lives longer than AUTH_JWT_MAX_AGE (exp − iat), such as exp 10^20, saying so', async () => {
    expect(await verifier.verify(`Bearer ${await sign({ exp: 1e20 })}`)).toEqual({
      kind: 'invalid',
      reason: 'the token lives longer (exp − iat) than the 24 h this gateway accepts (AUTH_JWT_MAX_AGE)',
    });
    expect((await verifier.verify(`Bearer ${await sign({ exp: nowSeconds() + 24 * 3600 + 1 })}`)).kind).toBe('invalid');
    const iat = nowSeconds();
    expect((await verifier.verify(`Bearer ${await sign({ iat, exp: iat + 24 * 3600 })}`)).kind).toBe('principal');
  });

  it('refuses a token issued longer ago than AUTH_JWT_MAX_AGE, even one that has not expired', async () => {
    const iat = nowSeconds() - 24 * 3600 - 120;
    expect(await verifier.verify(`Bearer ${await sign({ iat, exp: iat + 24 * 3600 })}`)).toEqual({ kind: 'invalid', reason: 'the token has expired' });
    expect(await verifier.verify(`Bearer ${await sign({ iat, exp: nowSeconds() + 60 })}`)).toEqual({ kind: 'invalid', reason: 'the token was issued more than 24 h ago (AUTH_JWT_MAX_AGE)' });
  });

  it('refuses an iat in the future beyond the 30 s of clock tolerance, and a token without iat', async () => {
    expect((await verifier.verify(`Bearer ${await sign({ iat: nowSeconds() + 5 })}`)).kind).toBe('principal');
    expect(await verifier.verify(`Bearer ${await sign({ iat: nowSeconds() + 3600, exp: nowSeconds() + 7200 })}`)).toEqual({
      kind: 'invalid',
      reason: "the token's iat (issued at) claim is in the future",
    });
    expect(await verifier.verify(`Bearer ${await sign({ iat: null })}`)).toEqual({ kind: 'invalid', reason: "the token's iat (issued at) claim is missing or not a number" });
  });

  it('applies the configured maximum age', async () => {
    const short = await TokenVerifier.create({ ...secretConfig, maxTokenAgeSeconds: 600 });
    expect((await short.verify(`Bearer ${await sign({ exp: nowSeconds() + 600 })}`)).kind).toBe('principal');
    expect(await short.verify(`Bearer ${await sign({ exp: nowSeconds() + 3600 })}`)).toEqual({
      kind: 'invalid',
      reason: 'the token lives longer (exp − iat) than the 10 min this gateway accepts (AUTH_JWT_MAX_AGE)',
    });
  });

  it('refuses a wrong issuer or audience, naming the claim', async () => {
    expect(await verifier.verify(`Bearer ${await sign({ iss: 'someone-else' })}`)).toEqual({ kind: 'invalid', reason: "the token's iss claim is not accepted" });
    expect(await verifier.verify(`Bearer ${await sign({ aud: 'another-api' })}`)).toEqual({ kind: 'invalid', reason: "the token's aud claim is not accepted" });
    expect((await verifier.verify(`Bearer ${await sign({ iss: '' })}`)).kind).toBe('invalid');
    expect((await verifier.verify(`Bearer ${await sign({ aud: '' })}`)).kind).toBe('invalid');
  });

  it('refuses a token without sub or without exp', async () => {
    expect(await verifier.verify(`Bearer ${await sign({ sub: '' })}`)).toEqual({ kind: 'invalid', reason: "the token's sub claim is not accepted" });
    expect(await verifier.verify(`Bearer ${await sign({ exp: null })}`)).toEqual({ kind: 'invalid', reason: "the token's exp claim is not accepted" });
  });

  // jose 5 only checks that `sub` is present (requiredClaims); the verifier also requires a non-empty string.
  it.each([
    ['a number', 123],
    ['null', null],
  ])('refuses a token whose sub is %s (Principal.subject is a string)', async (_what, sub) => {
    const token = await new SignJWT({ role: 'editor', sub: sub as unknown as string })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setExpirationTime('1h')
      .sign(secretKey);
    expect((await verifier.verify(`Bearer ${token}`)).kind).toBe('invalid');
  });

  it.each([
    ['missing', undefined],
    ['a number', 1],
    ['a list', ['admin']],
  ])('refuses a token whose role is %s', async (_what, role) => {
    expect(await verifier.verify(`Bearer ${await sign({ role })}`)).toEqual({ kind: 'invalid', reason: 'the token has no role claim' });
  });

  it('refuses an unsecured token (alg none)', async () => {
    const token = new UnsecuredJWT({ role: 'admin' }).setSubject('mallory').setIssuer(ISSUER).setAudience(AUDIENCE).setExpirationTime('1h').encode();
    expect(await verifier.verify(`Bearer ${token}`)).toEqual({ kind: 'invalid', reason: 'the token is signed with an algorithm this gateway does not accept' });
  });

  it('refuses HS512 even with the right secret: only HS256 is accepted', async () => {
    const token = await sign({}, createSecretKey(Buffer.from(`${SECRET}${SECRET}`, 'utf8')), 'HS512');
    expect(await verifier.verify(`Bearer ${token}`)).toEqual({ kind: 'invalid', reason: 'the token is signed with an algorithm this gateway does not accept' });
    const sameKey = await sign({}, secretKey, 'HS384');
    expect(await verifier.verify(`Bearer ${sameKey}`)).toEqual({ kind: 'invalid', reason: 'the token is signed with an algorithm this gateway does not accept' });
  });

  it('refuses an asymmetric token in secret mode', async () => {
    const { privateKey } = await generateKeyPair('ES256');
    expect(await verifier.verify(`Bearer ${await sign({}, privateKey, 'ES256')}`)).toEqual({
      kind: 'invalid',
      reason: 'the token is signed with an algorithm this gateway does not accept',
    });
  });
});

describe('TokenVerifier with a public key', () => {
  let privateKey: KeyLike;
  let pem: string;
  let es256: TokenVerifier;

  beforeAll(async () => {
    const pair = await generateKeyPair('ES256');
    privateKey = pair.privateKey;
    pem = await exportSPKI(pair.publicKey);
    es256 = await TokenVerifier.create({ ...secretConfig, key: { kind: 'publicKey', pem, algorithm: 'ES256' } });
  });

  it('accepts a token signed with the matching private key', async () => {
    expect(await es256.verify(`Bearer ${await sign({ sub: 'svc', role: 'admin' }, privateKey, 'ES256')}`)).toEqual({
      kind: 'principal',
      principal: { subject: 'svc', role: 'admin' },
    });
  });

  it('refuses a token signed by another key pair', async () => {
    const other = await generateKeyPair('ES256');
    expect(await es256.verify(`Bearer ${await sign({}, other.privateKey, 'ES256')}`)).toEqual({ kind: 'invalid', reason: 'the token signature is not valid' });
  });

  it('refuses an HS256 token whose secret is the public key PEM (algorithm confusion)', async () => {
    const token = await sign({ role: 'admin' }, createSecretKey(Buffer.from(pem, 'utf8')), 'HS256');
    expect(await es256.verify(`Bearer ${token}`)).toEqual({ kind: 'invalid', reason: 'the token is signed with an algorithm this gateway does not accept' });
  });

  it('refuses alg none and a different asymmetric algorithm', async () => {
    const unsecured = new UnsecuredJWT({ role: 'admin' }).setSubject('m').setIssuer(ISSUER).setAudience(AUDIENCE).setExpirationTime('1h').encode();
    expect((await es256.verify(`Bearer ${unsecured}`)).kind).toBe('invalid');
    const rsa = await generateKeyPair('RS256');
    expect(await es256.verify(`Bearer ${await sign({}, rsa.privateKey, 'RS256')}`)).toEqual({
      kind: 'invalid',
      reason: 'the token is signed with an algorithm this gateway does not accept',
    });
  });

  it('still checks issuer, audience and expiry', async () => {
    expect((await es256.verify(`Bearer ${await sign({ iss: 'x' }, privateKey, 'ES256')}`)).kind).toBe('invalid');
    expect((await es256.verify(`Bearer ${await sign({ aud: 'x' }, privateKey, 'ES256')}`)).kind).toBe('invalid');
    expect(await es256.verify(`Bearer ${await sign({ exp: nowSeconds() - 3600 }, privateKey, 'ES256')}`)).toEqual({ kind: 'invalid', reason: 'the token has expired' });
  });

  it('has no shared secret', () => {
    expect(secretKeyOf({ ...secretConfig, key: { kind: 'publicKey', pem, algorithm: 'ES256' } })).toBeUndefined();
  });

  it('refuses to start with a malformed PEM', async () => {
    await expect(TokenVerifier.create({ ...secretConfig, key: { kind: 'publicKey', pem: 'not a pem', algorithm: 'ES256' } })).rejects.toThrow();
  });
});

describe('TokenVerifier without a key', () => {
  it('answers anonymous without a header and invalid for any token', async () => {
    const none = await TokenVerifier.create({ ...secretConfig, key: { kind: 'none' } });
    expect(await none.verify(undefined)).toEqual({ kind: 'anonymous' });
    const result = await none.verify(`Bearer ${await sign()}`);
    expect(result.kind).toBe('invalid');
    expect(result.kind === 'invalid' && result.reason).toContain('no token verification key is configured');
    expect(secretKeyOf({ ...secretConfig, key: { kind: 'none' } })).toBeUndefined();
  });
});

// test/unit/forbidNetwork.ts forbids sockets only: these tests read and write files in a fresh temporary directory.
describe('TokenVerifier with the development secret file', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'gateway-auth-test-'));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  const devConfig = (file: string): AuthConfig => ({ ...secretConfig, key: { kind: 'devSecretFile', path: file } });

  it('creates a random secret file (mode 0600, in missing directories) and accepts tokens signed with it', async () => {
    const file = path.join(dir, 'nested', 'deeper', 'dev-secret');
    const dev = await TokenVerifier.create(devConfig(file));
    const secret = readFileSync(file, 'utf8').trim();
    expect(secret.length).toBeGreaterThanOrEqual(32);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const key = secretKeyOf(devConfig(file));
    expect(key).toBeDefined();
    expect(await dev.verify(`Bearer ${await sign({ sub: 'dev' }, key as KeyObject)}`)).toEqual({ kind: 'principal', principal: { subject: 'dev', role: 'editor' } });
    expect((await dev.verify(`Bearer ${await sign()}`)).kind).toBe('invalid');
  });

  it('reuses an existing secret, so a token printed by one process is accepted by another', async () => {
    const file = path.join(dir, 'shared-secret');
    const existing = 'an-existing-development-secret-0123456789';
    writeFileSync(file, `${existing}\n`);
    const dev = await TokenVerifier.create(devConfig(file));
    expect(readFileSync(file, 'utf8')).toBe(`${existing}\n`);
    const token = await sign({}, createSecretKey(Buffer.from(existing, 'utf8')));
    expect((await dev.verify(`Bearer ${token}`)).kind).toBe('principal');
    const again = await TokenVerifier.create(devConfig(file));
    expect((await again.verify(`Bearer ${token}`)).kind).toBe('principal');
  });

  it('gives two verifiers of a new file the same secret', async () => {
    const file = path.join(dir, 'fresh-secret');
    const first = secretKeyOf(devConfig(file));
    const second = secretKeyOf(devConfig(file));
    expect(first?.export().equals(second?.export() as Buffer)).toBe(true);
  });

  // A dev secret file holding fewer than 32 characters (here: empty) must never become the HMAC key, or anyone
  // could mint an admin token: it is replaced (or refused).
  it('never accepts tokens signed with the empty key when the dev secret file is empty', async () => {
    const file = path.join(dir, 'empty-secret');
    writeFileSync(file, '\n');
    let dev: TokenVerifier | undefined;
    try {
      dev = await TokenVerifier.create(devConfig(file));
    } catch {
      return; // refusing a too-short secret is acceptable
    }
    const forged = await sign({ sub: 'mallory', role: 'admin' }, createSecretKey(Buffer.alloc(0)));
    expect((await dev.verify(`Bearer ${forged}`)).kind).toBe('invalid');
  });
});
