import { CountingSqlExecutor } from '../support/CountingSqlExecutor';
import { sampleGroundTruth } from '../support/sampleGroundTruth';
import { startTestGateway, type TestGateway } from '../support/testGateway';
import { testToken } from '../support/testTokens';

interface Exchange {
  readonly status: number;
  readonly cacheControl: string | null;
  readonly age: string | null;
  readonly body: { data?: Record<string, unknown>; errors?: { extensions: { code: string } }[] };
  /** SQL statements the request ran. */
  readonly statements: number;
}

const CREATE = `mutation($input: CreateArticleInput!) { createArticle(input: $input) { work { id } } }`;

/** Cache-Control headers and the response cache of /graphql, end to end (README, "HTTP caching"). */
describe('HTTP caching (embedded)', () => {
  let gateway: TestGateway;
  let counter: CountingSqlExecutor;
  let editor: string;

  beforeAll(async () => {
    gateway = await startTestGateway({}, { wrapSql: (sql) => (counter = new CountingSqlExecutor(sql)) });
    editor = await testToken('editor');
  });
  afterAll(() => gateway.stop());

  async function post(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<Exchange> {
    const before = counter.statements.length;
    const res = await fetch(gateway.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json, application/json',
        ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
      },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as Exchange['body'];
    return { status: res.status, cacheControl: res.headers.get('cache-control'), age: res.headers.get('age'), body, statements: counter.statements.length - before };
  }

  it('marks public catalog queries cacheable for 300 s, search and `gateway` for 60 s', async () => {
    expect((await post('{ works(first: 1) { nodes { id authorships { author { displayName } } } } }')).cacheControl).toBe('max-age=300, public');
    expect((await post('{ gateway { version stores { store backend } } }')).cacheControl).toBe('max-age=60, public');
    expect((await post('{ works(first: 1) { nodes { id } } gateway { version } }')).cacheControl).toBe('max-age=60, public');
    const search = await post('{ searchWorks(query: "climate", first: 1) { totalCount nodes { id } } }');
    expect(search.body.errors).toBeUndefined();
    expect(search.cacheControl).toBe('max-age=60, public');
  });

  it('answers no-store for a query touching a max-age 0 field, for errors, and for requests with credentials', async () => {
    const admin = await testToken('admin');
    const withOutbox = await post('{ works(first: 1) { totalCount } outbox { pending } }', {}, admin);
    expect(withOutbox.body.errors).toBeUndefined();
    expect(withOutbox.cacheControl).toBe('no-store');
    const refused = await post('{ outbox { pending } }');
    expect(refused.body.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
    expect(refused.cacheControl).toBe('no-store');
    expect((await post('{ works(first: 1) { totalCount } }', {}, editor)).cacheControl).toBe('no-store');
  });

  it('answers no-store for a mutation', async () => {
    const res = await post(CREATE, { input: { title: 'Cache-control probe article', publicationDate: '2024-01-02', newAuthors: [{ displayName: 'Cache Prober' }] } }, editor);
    expect(res.body.errors).toBeUndefined();
    expect(res.cacheControl).toBe('no-store');
  });

  it('serves a repeated anonymous query from the response cache, never an authenticated one', async () => {
    const query = '{ works(first: 3, sort: [PUBLICATION_DATE_ASC]) { totalCount nodes { id } } }';
    const first = await post(query);
    expect(first.body.errors).toBeUndefined();
    expect(first.statements).toBeGreaterThan(0);
    const second = await post(query);
    expect(second.statements).toBe(0);
    expect(second.body).toEqual(first.body);
    expect(second.age).not.toBeNull();
    expect(second.cacheControl).toBe('max-age=300, public');
    // Other variables are another entry.
    const other = await post('query($n: Int) { works(first: $n) { totalCount } }', { n: 1 });
    const otherVars = await post('query($n: Int) { works(first: $n) { totalCount } }', { n: 2 });
    expect(other.statements).toBeGreaterThan(0);
    expect(otherVars.statements).toBeGreaterThan(0);
    // With a token: executed every time.
    const authed = await post(query, {}, editor);
    expect(authed.statements).toBeGreaterThan(0);
    expect(authed.age).toBeNull();
  });

  it('does not cache a response with errors', async () => {
    const query = '{ works(first: 1) { totalCount } outbox { pending } }';
    const first = await post(query);
    expect(first.body.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
    expect(first.statements).toBeGreaterThan(0);
    expect((await post(query)).statements).toBeGreaterThan(0);
  });

  it('is invalidated by an article mutation: the next identical query sees the change', async () => {
    const author = [...sampleGroundTruth().authors.values()][0]?.id as string;
    const query = `query($id: ID!) { author(id: $id) { worksCount works(first: 100) { totalCount nodes { id } } } } `;
    const before = await post(query, { id: author });
    expect(before.body.errors).toBeUndefined();
    expect((await post(query, { id: author })).statements).toBe(0);
    const beforeAuthor = before.body.data?.author as { works: { totalCount: number } };

    const created = await post(CREATE, { input: { title: 'Response cache invalidation probe', publicationDate: '2024-02-03', authorIds: [author] } }, editor);
    expect(created.body.errors).toBeUndefined();
    const id = (created.body.data?.createArticle as { work: { id: string } }).work.id;

    const after = await post(query, { id: author });
    expect(after.statements).toBeGreaterThan(0);
    const afterAuthor = after.body.data?.author as { works: { totalCount: number; nodes: { id: string }[] } };
    expect(afterAuthor.works.totalCount).toBe(beforeAuthor.works.totalCount + 1);
    expect(afterAuthor.works.nodes.map((n) => n.id)).toContain(id);
    // And the new answer is cached in turn.
    expect((await post(query, { id: author })).statements).toBe(0);
  });
});
