import { createSecretKey } from 'node:crypto';
import { SignJWT } from 'jose';
import type { TestGateway } from '../support/testGateway';
import { TEST_JWT_SECRET, testToken } from '../support/testTokens';
import { expectTypedError, postGraphql } from './support/hostileHttp';
import { startProductionGateway } from './support/productionGateway';

const KEY = createSecretKey(Buffer.from(TEST_JWT_SECRET, 'utf8'));
const now = () => Math.floor(Date.now() / 1000);

/** An editor token signed with the gateway's secret (with jose directly) whose `exp` and `iat` the test picks (`iat` null: none). */
function forged(exp: number, iat: number | null): Promise<string> {
  const jwt = new SignJWT({ role: 'editor' }).setProtectedHeader({ alg: 'HS256' }).setSubject('mallory').setIssuer('openalex-gateway').setAudience('openalex-gateway').setExpirationTime(exp);
  if (iat !== null) jwt.setIssuedAt(iat);
  return jwt.sign(KEY);
}

// A mutation every editor may send; on an article that does not exist it answers NOT_FOUND once the token passes.
const DELETE = 'mutation { deleteArticle(id: "WG00000000000000000000000000000000") { id } }';

describe('bearer tokens that live too long, or claim to come from the future (production mode, AUTH_JWT_MAX_AGE 24 h)', () => {
  let gateway: TestGateway;
  const send = (token: string) => postGraphql(gateway.url, { query: DELETE }, { authorization: `Bearer ${token}` });

  beforeAll(async () => {
    gateway = await startProductionGateway();
  });
  afterAll(() => gateway?.stop());

  it('lets a well-formed editor token through (control): the mutation answers NOT_FOUND, not UNAUTHENTICATED', async () => {
    expectTypedError(await send(await testToken('editor')), { code: 'NOT_FOUND' });
  });

  it.each([
    ['exp 10^20', () => forged(1e20, now()), /lives longer \(exp − iat\) than the 24 h this gateway accepts/],
    ['exp 25 h after iat', () => forged(now() + 25 * 3600, now()), /lives longer/],
    ['iat an hour in the future', () => forged(now() + 7200, now() + 3600), /iat \(issued at\) claim is in the future/],
    ['no iat', () => forged(now() + 600, null), /iat \(issued at\) claim is missing/],
    ['iat 25 h ago, exp still ahead', () => forged(now() + 600, now() - 25 * 3600), /issued more than 24 h ago/],
  ])('refuses a token with %s: UNAUTHENTICATED with the reason', async (_what, token, reason) => {
    expectTypedError(await send(await token()), { code: 'UNAUTHENTICATED', message: reason });
  });
});
