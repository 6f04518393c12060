import { syncTokenKey } from '../../src/writes/syncTokenKey';
import { SyncTokenCodec } from '../../src/writes/SyncToken';
import { syncStatusSuite } from '../support/syncStatusSuite';
import { startTestGateway, type TestGateway } from '../support/testGateway';
import { TEST_JWT_SECRET, testToken } from '../support/testTokens';

describe('sync tokens on the embedded profile (PGlite: no projection store, every change complete at once)', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway();
  });
  afterAll(() => gateway.stop());

  syncStatusSuite(() => ({ gateway, projectionStores: [] }));

  it('answers a well-signed token naming a record this database never issued like another principal’s: NOT_FOUND on token', async () => {
    // Signed with the gateway's own key (as after a database reset): the signature holds, the record never existed.
    const codec = new SyncTokenCodec(syncTokenKey(undefined, { key: { kind: 'secret', secret: TEST_JWT_SECRET }, issuer: '', audience: '', queries: 'public', maxTokenAgeSeconds: 1 }).key);
    const subject = 'sync-reset-editor';
    const token = codec.sign({ outboxId: '900000000000', workId: 'WG00000000000000000000000000000000', operation: 'create', version: 1, stores: [], principal: codec.principalOf(subject), issuedAt: 0 });
    const res = await gateway.gql('query($t: String!) { syncStatus(token: $t) { complete } }', { t: token }, { token: await testToken('editor', { subject }) });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', argument: 'token' });
  });

  it('is never cached: a successful answer is no-store', async () => {
    const editor = await testToken('editor', { subject: 'sync-cache-editor' });
    const created = await gateway.gql<{ createArticle: { syncToken: string } }>(
      'mutation { createArticle(input: { title: "Cache probe", publicationDate: "2024-01-01", newAuthors: [{ displayName: "C. Probe" }] }) { syncToken } }',
      {},
      { token: editor },
    );
    const res = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${editor}` },
      body: JSON.stringify({ query: 'query($t: String!) { syncStatus(token: $t) { complete } }', variables: { t: created.data?.createArticle.syncToken } }),
    });
    expect(await res.json()).toEqual({ data: { syncStatus: { complete: true } } });
    expect(res.headers.get('cache-control')).toBe('no-store');
  });
});
