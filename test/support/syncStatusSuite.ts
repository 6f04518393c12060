import { randomBytes } from 'node:crypto';
import { sampleGroundTruth } from './sampleGroundTruth';
import type { GqlResponse, TestGateway } from './testGateway';
import { testToken } from './testTokens';

/** What the suite needs from the profile it runs on. */
export interface SyncSuiteTarget {
  readonly gateway: TestGateway;
  /** GraphQL `Store` values of the configured projection stores, in `Store` order (empty on the embedded profile). */
  readonly projectionStores: readonly string[];
}

interface SyncStatusView {
  workId: string;
  operation: string;
  version: number | null;
  complete: boolean;
  superseded: boolean;
  stores: { store: string; state: string; attempts: number; errorClass: string | null }[];
}

const STATUS = `query($token: String!, $wait: Int) {
  syncStatus(token: $token, waitMs: $wait) { workId operation version complete superseded stores { store state attempts errorClass } } }`;
const CREATE = 'mutation($input: CreateArticleInput!) { createArticle(input: $input) { work { id version } syncToken } }';
const UPDATE = 'mutation($id: ID!, $input: UpdateArticleInput!) { updateArticle(id: $id, input: $input) { work { id version } syncToken } }';
const DELETE = 'mutation($id: ID!) { deleteArticle(id: $id) { id syncToken } }';

/**
 * Sync tokens through GraphQL: every mutation returns one, its principal alone reads it, a forged one is refused, and
 * `syncStatus(waitMs:)` reports each projection store APPLIED once the relay delivered it — after which search finds
 * the article (ground truth: the sample's most prolific author from the source JSON, and the article's own words).
 */
export function syncStatusSuite(target: () => SyncSuiteTarget): void {
  const truth = sampleGroundTruth();
  const author = [...truth.authors.values()].sort((a, b) => b.worksCount - a.worksCount)[0]?.id as string;
  const run = randomBytes(4).toString('hex');
  const word = `syncquark${run}`;
  let editor: string;
  let otherEditor: string;

  const gql = <T>(query: string, variables?: Record<string, unknown>, token?: string): Promise<GqlResponse<T>> =>
    target().gateway.gql<T>(query, variables, token === undefined ? {} : { token });
  const status = (token: string, bearer: string | undefined, wait?: number) => gql<{ syncStatus: SyncStatusView | null }>(STATUS, { token, wait }, bearer);
  const create = async (title: string) => {
    const res = await gql<{ createArticle: { work: { id: string; version: number }; syncToken: string } }>(
      CREATE,
      { input: { title, publicationDate: '2024-05-01', authorIds: [author] } },
      editor,
    );
    expect(res.errors).toBeUndefined();
    return res.data?.createArticle as { work: { id: string; version: number }; syncToken: string };
  };
  const applied = () => target().projectionStores.map((store) => ({ store, state: 'APPLIED', attempts: 0, errorClass: null }));

  beforeAll(async () => {
    editor = await testToken('editor', { subject: `sync-editor-${run}` });
    otherEditor = await testToken('editor', { subject: `sync-other-${run}` });
  });

  it('createArticle returns a token that syncStatus(waitMs: 10000) reports complete, every store APPLIED; then search finds the article', async () => {
    const { work, syncToken } = await create(`Cushion gas ${word} in salt caverns`);
    expect(syncToken).toMatch(/^st1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    const res = await status(syncToken, editor, 10_000);
    expect(res.errors).toBeUndefined();
    expect(res.data?.syncStatus).toEqual({ workId: work.id, operation: 'CREATE', version: 1, complete: true, superseded: false, stores: applied() });
    const search = await gql<{ searchWorks: { nodes: { id: string }[] } }>('query($q: String!) { searchWorks(query: $q) { nodes { id } } }', { q: word });
    expect(search.errors).toBeUndefined();
    expect(search.data?.searchWorks.nodes.map((n) => n.id)).toEqual([work.id]);
  });

  it('updateArticle and deleteArticle return tokens too; an earlier token then reports superseded', async () => {
    const { work, syncToken: created } = await create(`Superseded ${word}`);
    const updated = await gql<{ updateArticle: { work: { version: number }; syncToken: string } }>(UPDATE, { id: work.id, input: { version: 1, title: `Superseding ${word}` } }, editor);
    expect(updated.errors).toBeUndefined();
    const updateToken = updated.data?.updateArticle.syncToken as string;
    expect((await status(updateToken, editor, 10_000)).data?.syncStatus).toMatchObject({ operation: 'UPDATE', version: 2, complete: true, superseded: false });
    expect((await status(created, editor, 10_000)).data?.syncStatus).toMatchObject({ operation: 'CREATE', version: 1, complete: true, superseded: true, stores: applied() });
    // An update that changes nothing writes no record: its token is complete at once.
    const noop = await gql<{ updateArticle: { syncToken: string } }>(UPDATE, { id: work.id, input: { version: 2 } }, editor);
    expect((await status(noop.data?.updateArticle.syncToken as string, editor)).data?.syncStatus).toMatchObject({ operation: 'UPDATE', version: 2, complete: true, superseded: false, stores: applied() });
    const deleted = await gql<{ deleteArticle: { syncToken: string } }>(DELETE, { id: work.id }, editor);
    expect(deleted.errors).toBeUndefined();
    const deleteStatus = await status(deleted.data?.deleteArticle.syncToken as string, editor, 10_000);
    expect(deleteStatus.data?.syncStatus).toEqual({ workId: work.id, operation: 'DELETE', version: null, complete: true, superseded: false, stores: applied() });
    expect((await status(updateToken, editor)).data?.syncStatus).toMatchObject({ superseded: true });
  });

  it('answers another principal and an anonymous caller one NOT_FOUND on token, with one message (existence never leaks)', async () => {
    const { syncToken } = await create(`Private ${word}`);
    const other = await status(syncToken, otherEditor);
    const anonymous = await status(syncToken, undefined);
    for (const res of [other, anonymous]) {
      expect(res.data?.syncStatus).toBeNull();
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', argument: 'token' });
      expect(res.errors?.[0]?.message).toBe(other.errors?.[0]?.message);
    }
    expect((await status(syncToken, editor)).data?.syncStatus?.workId).toBeDefined();
  });

  it('refuses a token altered in any part, garbled or forged: BAD_USER_INPUT on token', async () => {
    const { syncToken } = await create(`Tampered ${word}`);
    const [prefix, payload, signature] = syncToken.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    const reSigned = Buffer.from(JSON.stringify({ ...claims, o: '1' })).toString('base64url');
    const flip = (s: string) => `${s.slice(0, -1)}${s.endsWith('A') ? 'B' : 'A'}`;
    for (const forged of [`${prefix}.${reSigned}.${signature}`, `${prefix}.${payload}.${flip(signature)}`, `${prefix}.${flip(payload)}.${signature}`, 'garbage', '', `${syncToken}x`]) {
      const res = await status(forged, editor);
      expect({ forged, ext: res.errors?.[0]?.extensions }).toMatchObject({ forged, ext: { code: 'BAD_USER_INPUT', argument: 'token' } });
    }
  });

  it('bounds waitMs: outside 0–10,000 is BAD_USER_INPUT on waitMs; a complete change answers at once whatever the wait', async () => {
    const { syncToken } = await create(`Bounded ${word}`);
    for (const wait of [-1, 10_001, 2_147_483_647]) {
      const res = await status(syncToken, editor, wait);
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'waitMs' });
    }
    await status(syncToken, editor, 10_000);
    const started = Date.now();
    expect((await status(syncToken, editor, 10_000)).data?.syncStatus?.complete).toBe(true);
    expect(Date.now() - started).toBeLessThan(2_000);
  });
}
