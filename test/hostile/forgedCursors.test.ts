import { byteOrder, sampleGroundTruth } from '../support/sampleGroundTruth';
import type { TestGateway } from '../support/testGateway';
import { expectData, expectTypedError, postGraphql } from './support/hostileHttp';
import { startProductionGateway } from './support/productionGateway';

/** What a client sees inside a cursor: base64url JSON `{ s, v }` (decoded here by hand, not with the gateway's code). */
interface CursorPayload {
  s: string;
  v: unknown[];
}
const decode = (cursor: string) => JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as CursorPayload;
const encode = (payload: CursorPayload) => Buffer.from(JSON.stringify(payload)).toString('base64url');

/** A real cursor with its values replaced: what a client tampering with `after` sends. */
const tampered = (cursor: string, values: unknown[]) => encode({ ...decode(cursor), v: values });

// The reported cursor: {"s":"work:CITED_BY_COUNT_DESC","v":[2147483648,"W1"]}.
const REPORTED = 'eyJzIjoid29yazpDSVRFRF9CWV9DT1VOVF9ERVNDIiwidiI6WzIxNDc0ODM2NDgsIlcxIl19';

const truth = sampleGroundTruth();
const works = [...truth.works.values()];
const citers = (id: string) => works.filter((w) => w.referencedWorkIds.includes(id)).length;
const mostCited = [...works].sort((a, b) => citers(b.id) - citers(a.id) || byteOrder(a.id, b.id))[0]?.id as string;
const mostReferencing = [...works].sort((a, b) => b.referencedWorkIds.filter((r) => truth.works.has(r)).length - a.referencedWorkIds.filter((r) => truth.works.has(r)).length)[0]?.id as string;

describe('forged cursors (production mode, embedded profile): BAD_USER_INPUT on after, never a store error', () => {
  let gateway: TestGateway;
  const gql = (query: string, variables?: Record<string, unknown>) => postGraphql(gateway.url, { query, variables });
  /** The endCursor of the first page of `query` (with `$after` unset), at `path` in its data. */
  const realCursor = async (query: string, path: readonly string[]) => {
    let value: unknown = expectData<unknown>(await gql(query));
    for (const key of path) value = (value as Record<string, unknown>)[key];
    return (value as { pageInfo: { endCursor: string } }).pageInfo.endCursor;
  };

  beforeAll(async () => {
    gateway = await startProductionGateway();
  });
  afterAll(() => gateway?.stop());

  it('pages on with a real cursor (control): works by citations, as the sample orders them', async () => {
    const query = 'query($after: String) { works(sort: [CITED_BY_COUNT_DESC], first: 3, after: $after) { nodes { id } pageInfo { endCursor } } }';
    const first = expectData<{ works: { nodes: { id: string }[]; pageInfo: { endCursor: string } } }>(await gql(query));
    const second = expectData<{ works: { nodes: { id: string }[] } }>(await gql(query, { after: first.works.pageInfo.endCursor }));
    const expected = [...works].sort((a, b) => b.citedByCount - a.citedByCount || byteOrder(a.id, b.id)).slice(0, 6).map((w) => w.id);
    expect([...first.works.nodes, ...second.works.nodes].map((n) => n.id)).toEqual(expected);
  });

  it('refuses a garbled searchWorks cursor whatever the selection reads, group-by counts alone included', async () => {
    for (const selection of ['totalCount', 'groupBy(field: YEAR) { groups { key count } }', 'facets { type { type count } }']) {
      const res = await gql(`{ searchWorks(query: "oil", after: "not-a-cursor") { ${selection} } }`);
      expectTypedError(res, { code: 'BAD_USER_INPUT', argument: 'after' });
    }
  });

  it('refuses the reported cursor, an integer out of PostgreSQL integer range', async () => {
    const res = await gql(`{ works(sort: [CITED_BY_COUNT_DESC], after: "${REPORTED}") { totalCount nodes { id } } }`);
    expectTypedError(res, { code: 'BAD_USER_INPUT', argument: 'after', message: /32-bit integer/ });
  });

  it.each([
    ['works', 'query($after: String) { works(sort: [CITED_BY_COUNT_DESC], first: 2, after: $after) { nodes { id } pageInfo { endCursor } } }', ['works']],
    ['authors', 'query($after: String) { authors(sort: [WORKS_COUNT_DESC], first: 2, after: $after) { nodes { id } pageInfo { endCursor } } }', ['authors']],
    ['citedBy', `query($after: String) { work(id: "${mostCited}") { citedBy(sort: [CITED_BY_COUNT_ASC], first: 2, after: $after) { nodes { id } pageInfo { endCursor } } } }`, ['work', 'citedBy']],
    ['references', `query($after: String) { work(id: "${mostReferencing}") { references(first: 2, after: $after) { nodes { id } pageInfo { endCursor } } } }`, ['work', 'references']],
    ['citations', `query($after: String) { citations(workId: "${mostCited}", depth: 2, first: 2, after: $after) { nodes { depth } pageInfo { endCursor } } }`, ['citations']],
  ])('%s: refuses its own cursor with an integer key pushed past 2^31 - 1, or below -2^31', async (_name, query, path) => {
    const cursor = await realCursor(query, path);
    const [first, ...rest] = decode(cursor).v;
    expect(typeof first).toBe('number');
    for (const value of [2147483648, -2147483649, 1e300]) {
      const res = await gql(query, { after: tampered(cursor, [value, ...rest]) });
      expectTypedError(res, { code: 'BAD_USER_INPUT', argument: 'after', message: /32-bit integer/ });
    }
  });

  it.each([
    ['a NUL', 'bio\u0000logy', /NUL/],
    ['an unpaired surrogate', 'bio\uD800logy', /unpaired surrogate/],
    ['text longer than any title', 'x'.repeat(20_001), /longer than/],
  ])('TITLE_ASC: refuses a text key holding %s', async (_what, value, message) => {
    const query = 'query($after: String) { works(sort: [TITLE_ASC], first: 2, after: $after) { nodes { id } pageInfo { endCursor } } }';
    const cursor = await realCursor(query, ['works']);
    const [, id] = decode(cursor).v;
    expectTypedError(await gql(query, { after: tampered(cursor, [value, id]) }), { code: 'BAD_USER_INPUT', argument: 'after', message });
    expectTypedError(await gql(query, { after: tampered(cursor, ['biology', `${String(id)}\u0000`]) }), { code: 'BAD_USER_INPUT', argument: 'after', message: /NUL/ });
  });

  it.each([[''], [' '], ['0b1'], ['1e39'], ['NaN'], ['1e-50'], [7]])('searchWorks: refuses its own cursor with the score %j', async (score) => {
    const query = 'query($after: String) { searchWorks(query: "hydrogen", first: 2, after: $after) { nodes { id } pageInfo { endCursor } } }';
    const cursor = await realCursor(query, ['searchWorks']);
    const [realScore, id] = decode(cursor).v;
    expect(typeof realScore).toBe('string');
    expectTypedError(await gql(query, { after: tampered(cursor, [score, id]) }), { code: 'BAD_USER_INPUT', argument: 'after', message: /score/ });
  });

  it('searchWorks: refuses an id no store can hold, and still pages with the real cursor', async () => {
    const query = 'query($after: String) { searchWorks(query: "hydrogen", first: 2, after: $after) { nodes { id } pageInfo { endCursor } } }';
    const cursor = await realCursor(query, ['searchWorks']);
    const [score] = decode(cursor).v;
    expectTypedError(await gql(query, { after: tampered(cursor, [score, 'W1\u0000']) }), { code: 'BAD_USER_INPUT', argument: 'after', message: /NUL/ });
    expect(expectData<{ searchWorks: { nodes: unknown[] } }>(await gql(query, { after: cursor })).searchWorks.nodes.length).toBeGreaterThan(0);
  });
});
