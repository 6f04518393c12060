import http from 'node:http';
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

const APP_ORIGIN = 'https://app.example';

const CREATE = `mutation($input: CreateArticleInput!) { createArticle(input: $input) { work { id } } }`;

/** Cache-Control headers and the response cache of /graphql, end to end (README, "HTTP caching"). */
describe('HTTP caching (embedded)', () => {
  let gateway: TestGateway;
  let counter: CountingSqlExecutor;
  let editor: string;

  beforeAll(async () => {
    gateway = await startTestGateway({ CORS_ORIGINS: APP_ORIGIN }, { wrapSql: (sql) => (counter = new CountingSqlExecutor(sql)) });
    editor = await testToken('editor');
  });
  afterAll(() => gateway.stop());

  /**
   * Lets the outbox relay deliver a write to every projection: each apply starts a new response-cache generation,
   * which would make the next "hit" of a test a miss at a moment nobody chose.
   */
  async function settleWrites(): Promise<void> {
    for (;;) {
      await gateway.writePath.relay?.flush(10_000);
      if ((await gateway.writePath.outbox.status(1)).pending === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

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
    await settleWrites();
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
    await settleWrites();

    const after = await post(query, { id: author });
    expect(after.statements).toBeGreaterThan(0);
    const afterAuthor = after.body.data?.author as { works: { totalCount: number; nodes: { id: string }[] } };
    expect(afterAuthor.works.totalCount).toBe(beforeAuthor.works.totalCount + 1);
    expect(afterAuthor.works.nodes.map((n) => n.id)).toContain(id);
    // And the new answer is cached in turn.
    expect((await post(query, { id: author })).statements).toBe(0);
  });

  /** One raw exchange: status, every header, the body's text, and the SQL statements it ran. */
  async function exchange(init: { method?: string; path?: string; headers?: Record<string, string>; body?: string }) {
    const before = counter.statements.length;
    const res = await fetch(init.path === undefined ? gateway.url : new URL(init.path, gateway.url), {
      method: init.method ?? 'POST',
      headers: init.headers ?? { 'content-type': 'application/json' },
      ...(init.body === undefined ? {} : { body: init.body }),
    });
    return { status: res.status, headers: res.headers, text: await res.text(), statements: counter.statements.length - before };
  }

  it('answers a hit with the bytes and headers of the answer it stored, and the request’s own id and CORS headers', async () => {
    const headers = { 'content-type': 'application/json', accept: 'application/graphql-response+json', origin: APP_ORIGIN };
    const body = JSON.stringify({ query: 'query FrontHeaders { works(first: 2, sort: [TITLE_ASC]) { nodes { id title } } }' });
    const miss = await exchange({ headers, body });
    const hit = await exchange({ headers, body });
    expect(miss.statements).toBeGreaterThan(0);
    expect(hit.statements).toBe(0);
    expect(hit.status).toBe(200);
    expect(hit.text).toBe(miss.text);
    for (const name of ['content-type', 'cache-control', 'etag', 'vary', 'access-control-allow-origin', 'access-control-allow-credentials', 'access-control-expose-headers']) {
      expect({ name, value: hit.headers.get(name) }).toEqual({ name, value: miss.headers.get(name) });
    }
    expect(miss.headers.get('content-type')).toBe('application/graphql-response+json; charset=utf-8');
    expect(hit.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
    expect(hit.headers.get('vary')?.toLowerCase()).toContain('origin');
    expect(hit.headers.get('etag')).toMatch(/^W\/"/);
    expect(Number(hit.headers.get('content-length'))).toBe(Buffer.byteLength(hit.text));
    expect(hit.headers.get('x-request-id')).not.toBe(miss.headers.get('x-request-id'));
    // Another Accept is another answer (another media type), so another entry.
    const json = await exchange({ headers: { ...headers, accept: 'application/json' }, body });
    expect(json.statements).toBeGreaterThan(0);
    expect(json.headers.get('content-type')).toBe('application/json; charset=utf-8');
    // A hit is counted like any request of its operation.
    const metrics = async () => {
      const text = await (await fetch(new URL('/metrics', gateway.url))).text();
      const line = text.split('\n').find((l) => l.startsWith('gateway_http_request_duration_seconds_count{') && l.includes('operation="FrontHeaders"') && l.includes('outcome="success"'));
      return Number(line?.split(' ').pop() ?? 0);
    };
    const counted = await metrics();
    expect((await exchange({ headers, body })).statements).toBe(0);
    expect(await metrics()).toBe(counted + 1);
  });

  it('answers a GET hit 304 when If-None-Match holds its ETag, and still refuses a GET without a preflight header', async () => {
    const path = `/graphql?query=${encodeURIComponent('{ works(first: 1, sort: [TITLE_DESC]) { nodes { id } } }')}`;
    const preflighted = { 'apollo-require-preflight': 'true' };
    const miss = await exchange({ method: 'GET', path, headers: preflighted });
    expect(miss.status).toBe(200);
    const hit = await exchange({ method: 'GET', path, headers: preflighted });
    expect(hit.statements).toBe(0);
    expect(hit.text).toBe(miss.text);
    const etag = hit.headers.get('etag') as string;
    // node:http, not fetch: fetch adds `Cache-Control: no-cache` to a conditional request, which rules a 304 out (the Accept is fetch's default).
    const conditional = (ifNoneMatch: string) =>
      new Promise<{ status: number; text: string; age: string | undefined }>((resolve, reject) => {
        const req = http.get(new URL(path, gateway.url), { headers: { ...preflighted, accept: '*/*', 'if-none-match': ifNoneMatch } }, (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (text += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text, age: res.headers.age }));
        });
        req.on('error', reject);
      });
    const unchanged = await conditional(etag);
    expect(unchanged.status).toBe(304);
    expect(unchanged.text).toBe('');
    // From the cache (an `Age`), not executed again.
    expect(unchanged.age).toMatch(/^\d+$/);
    expect((await conditional('W/"other"')).status).toBe(200);
    // Apollo's CSRF prevention refuses a GET a browser could send without a preflight; a cached answer does not change that.
    const bare = await exchange({ method: 'GET', path, headers: {} });
    expect(bare.status).toBe(400);
    expect(bare.text).toContain('CSRF');
  });

  it('answers bodies read ahead of Express as Express would: malformed JSON, non-objects, batches', async () => {
    for (const body of ['{"query":', 'not json', '"a string"', '42']) {
      const res = await exchange({ body });
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
      expect(JSON.parse(res.text)).toEqual({ errors: [{ message: 'Request body is not valid JSON.', extensions: { code: 'BAD_REQUEST' } }] });
    }
    const batch = await exchange({ body: JSON.stringify([{ query: '{ gateway { version } }' }, { query: '{ works(first: 1) { totalCount } }' }]) });
    expect(batch.status).toBe(200);
    expect((JSON.parse(batch.text) as unknown[]).length).toBe(2);
    const empty = await exchange({ body: '' });
    expect(empty.status).toBe(400);
  });
});
