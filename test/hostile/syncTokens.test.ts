import { createHmac, randomBytes } from 'node:crypto';
import type { TestGateway } from '../support/testGateway';
import { TEST_JWT_SECRET, testToken } from '../support/testTokens';
import { expectData, expectTypedError, postGraphql } from './support/hostileHttp';
import { startProductionGateway } from './support/productionGateway';

const STATUS = 'query($token: String!, $wait: Int) { syncStatus(token: $token, waitMs: $wait) { complete stores { store state } } }';

/** A token of the gateway's shape, signed with `key` (not the gateway's): what a forger who guessed the format sends. */
function forgedWith(key: string | Buffer, claims: Record<string, unknown>): string {
  const body = `st1.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  return `${body}.${createHmac('sha256', key).update(body).digest('base64url')}`;
}

describe('hostile sync tokens (production mode, embedded profile): BAD_USER_INPUT on token or waitMs, never a 500', () => {
  let gateway: TestGateway;
  let editor: string;
  let realToken: string;
  const status = (token: unknown, wait?: unknown) => postGraphql(gateway.url, { query: STATUS, variables: { token, wait } }, { authorization: `Bearer ${editor}` });

  beforeAll(async () => {
    gateway = await startProductionGateway();
    editor = await testToken('editor', { subject: 'hostile-sync-editor' });
    const created = await postGraphql(
      gateway.url,
      { query: 'mutation { createArticle(input: { title: "Hostile sync probe", publicationDate: "2024-01-01", newAuthors: [{ displayName: "H. Probe" }] }) { syncToken } }' },
      { authorization: `Bearer ${editor}` },
    );
    realToken = expectData<{ createArticle: { syncToken: string } }>(created).createArticle.syncToken;
  });
  afterAll(() => gateway?.stop());

  it('reads its own real token (control)', async () => {
    expect(expectData(await status(realToken))).toEqual({ syncStatus: { complete: true, stores: [] } });
  });

  const claims = { v: 1, o: '1', w: 'WG00000000000000000000000000000000', op: 'create', n: 1, s: [], p: 'AAAAAAAAAAAAAAAAAAAAAA', t: 0 };
  it.each([
    ['random bytes as base64', () => randomBytes(96).toString('base64')],
    ['random base64url in the three parts', () => `st1.${randomBytes(60).toString('base64url')}.${randomBytes(32).toString('base64url')}`],
    ['a bearer JWT', () => editor],
    ['a search cursor', () => Buffer.from(JSON.stringify({ s: 'work:CITED_BY_COUNT_DESC', v: [1, 'W1'] })).toString('base64url')],
    ['the right shape signed with the bearer-token secret itself', () => forgedWith(TEST_JWT_SECRET, claims)],
    ['the right shape signed with an empty key', () => forgedWith('', claims)],
    ['a real token with its signature cut short', () => realToken.slice(0, -1)],
    ['a real token with another prefix', () => realToken.replace(/^st1\./, 'st2.')],
    ['a real token with its payload swapped for JSON null', () => realToken.replace(/^st1\.[^.]+\./, `st1.${Buffer.from('null').toString('base64url')}.`)],
    ['a real token twice', () => `${realToken}${realToken}`],
    ['200 KB of "st1."', () => 'st1.'.repeat(50_000)],
    ['unicode and escapes', () => 'st1.\u00e9\u202e\u0007.x'],
  ])('refuses %s: BAD_USER_INPUT on token', async (_what, token) => {
    expectTypedError(await status(token()), { code: 'BAD_USER_INPUT', argument: 'token' });
  });

  it('refuses a token holding NUL before anything runs (storable text), naming token', async () => {
    expectTypedError(await status(`st1.\u0000.x`), { code: 'BAD_USER_INPUT', argument: 'token' });
  });

  it.each([
    ['just above the bound', 10_001],
    ['a day', 86_400_000],
    ['the largest Int', 2_147_483_647],
    ['negative', -1],
    ['the smallest Int', -2_147_483_648],
  ])('refuses waitMs %s: BAD_USER_INPUT on waitMs, at once', async (_what, wait) => {
    const started = Date.now();
    expectTypedError(await status(realToken, wait), { code: 'BAD_USER_INPUT', argument: 'waitMs' });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('refuses waitMs that is not an Int (over 2^31, a float, text) as a typed validation error', async () => {
    for (const wait of [2 ** 31, 1.5, '100']) expectTypedError(await status(realToken, wait), { code: 'BAD_USER_INPUT' });
  });

  it('bounds how many statuses one request asks for: the alias limit, and each counts 100 in the cost limit', async () => {
    const aliases = (n: number) => Array.from({ length: n }, (_, i) => `s${i}: syncStatus(token: $t) { complete }`).join(' ');
    const res = await postGraphql(gateway.url, { query: `query($t: String!) { ${aliases(15)} }`, variables: { t: realToken } }, { authorization: `Bearer ${editor}` });
    expect(expectData<Record<string, { complete: boolean }>>(res)['s14']).toEqual({ complete: true });
    expectTypedError(await postGraphql(gateway.url, { query: `query($t: String!) { ${aliases(16)} }`, variables: { t: realToken } }), { code: 'TOO_MANY_ALIASES' });
    const tight = await startProductionGateway({ GRAPHQL_MAX_COST: '1000' });
    try {
      // 10 statuses cost 10 × (1 + 100) = 1,010: over a limit of 1,000, refused before anything runs.
      const refused = await postGraphql(tight.url, { query: `query($t: String!) { ${aliases(10)} }`, variables: { t: realToken } });
      expect(expectTypedError(refused, { code: 'QUERY_TOO_COMPLEX' }).extensions).toMatchObject({ actual: 1010 });
    } finally {
      await tight.stop();
    }
  });
});
