import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { getIntrospectionQuery, Lexer, Source, TokenKind } from 'graphql';
import { startTestGateway, type TestGateway } from '../support/testGateway';

const GRAPHQL_RESPONSE = 'application/graphql-response+json';

interface RawResponse {
  status: number;
  contentType: string;
  body: {
    data?: unknown;
    errors?: { message: string; extensions: { code: string; [key: string]: unknown } }[];
  };
  headers: Headers;
}

async function send(url: string, init: RequestInit): Promise<RawResponse> {
  const res = await fetch(url, init);
  const text = await res.text();
  let body: RawResponse['body'];
  try {
    body = JSON.parse(text) as RawResponse['body'];
  } catch {
    throw new Error(`not JSON (${res.status} ${res.headers.get('content-type')}): ${text.slice(0, 200)}`);
  }
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', body, headers: res.headers };
}

/** POSTs `body` (an object, an array, or raw text) as JSON to the gateway. */
function post(gateway: TestGateway, body: unknown, headers: Record<string, string> = {}): Promise<RawResponse> {
  return send(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: GRAPHQL_RESPONSE, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

function get(gateway: TestGateway, params: Record<string, string>, headers: Record<string, string> = {}): Promise<RawResponse> {
  const url = new URL(gateway.url);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return send(url.href, { headers: { accept: GRAPHQL_RESPONSE, ...headers } });
}

const codes = (res: RawResponse) => res.body.errors?.map((e) => e.extensions.code);
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const apq = (hash: string) => ({ persistedQuery: { version: 1, sha256Hash: hash } });

/** `work { citedBy(first: 1) { nodes { … id } } }` with `levels` citedBy/nodes pairs: depth 2 × levels + 2. */
function nestedCitations(levels: number): string {
  let selection = 'id';
  for (let i = 0; i < levels; i++) selection = `citedBy(first: 1) { nodes { ${selection} } }`;
  return `{ work(id: "W2984018467") { ${selection} } }`;
}

/** Tokens in `document` as graphql-js counts them for its maxTokens parse option. */
function tokenCount(document: string): number {
  const lexer = new Lexer(new Source(document));
  let count = 0;
  while (lexer.advance().kind !== TokenKind.EOF) count++;
  return count;
}

/** A valid document of `2 × values + 19` tokens (a long list of work types). */
const longTypeList = (values: number) => `{ works(filter: { type: [${'"article" '.repeat(values)}] }, first: 1) { totalCount } }`;

/** Expects a request refused by a limit: `status`, one error with `code`, no data, JSON never HTML. */
function expectRefused(res: RawResponse, status: number, code: string): NonNullable<RawResponse['body']['errors']>[number] {
  expect({ status: res.status, codes: codes(res) }).toEqual({ status, codes: [code] });
  expect(res.body.data).toBeUndefined();
  expect(res.contentType).toMatch(/^application\/(graphql-response\+)?json/);
  return res.body.errors?.[0] as NonNullable<RawResponse['body']['errors']>[number];
}

describe('request limits (embedded profile, default limits)', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway();
  });
  afterAll(() => gateway.stop());

  describe('normal queries pass', () => {
    it.each([
      ['a work with its authors', '{ work(id: "W2559507379") { title publicationYear authorships { position author { displayName } } referencedWorkIds } }'],
      [
        'a filtered, sorted page',
        '{ works(filter: { publicationYear: { gte: 2020 }, or: [{ isOpenAccess: true }, { citedByCount: { gte: 50 } }] }, sort: [PUBLICATION_DATE_DESC], first: 10) { totalCount edges { cursor node { id title authorships { author { displayName worksCount } } } } pageInfo { hasNextPage endCursor } } }',
      ],
      ['a page of 200 works with their authors', '{ works(first: 200) { nodes { id title authorships { author { displayName worksCount } } } } }'],
      [
        'citations, trends and search',
        '{ work(id: "W2984018467") { title citedBy(first: 5) { totalCount nodes { id title } } references { totalCount } } citations(workId: "W2984018467", direction: CITED_BY, depth: 2, first: 50) { totalCount nodes { citing { id } cited { id } depth } } searchWorks(query: "hydrogen storage", first: 5) { totalCount edges { score node { id title } } } autocompleteWorks(prefix: "hydro", first: 5) { id title } }',
      ],
      ['GraphiQL\'s introspection query', getIntrospectionQuery()],
      ['nesting at the depth limit (12)', nestedCitations(5)],
      ['15 aliases', `{ ${Array.from({ length: 15 }, (_, i) => `a${i}: gateway { version }`).join(' ')} }`],
      ['25 directives', `{ gateway { ${'version @include(if: true) '.repeat(25)} } }`],
      ['1000 tokens', longTypeList(981)],
    ])('%s', async (_name, query) => {
      const res = await post(gateway, { query });
      expect({ status: res.status, errors: res.body.errors }).toEqual({ status: 200, errors: undefined });
      expect(res.body.data).toBeTruthy();
    });

    it('a batch of up to 10 operations', async () => {
      const res = await fetch(gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: GRAPHQL_RESPONSE },
        body: JSON.stringify(Array.from({ length: 10 }, () => ({ query: '{ gateway { version } }' }))),
      });
      expect(res.status).toBe(200);
      const results = (await res.json()) as { data: unknown }[];
      expect(results).toHaveLength(10);
      expect(results.every((r) => r.data !== undefined)).toBe(true);
    });
  });

  describe('abusive requests are refused with their code', () => {
    it('too deep: QUERY_TOO_DEEP', async () => {
      const error = expectRefused(await post(gateway, { query: nestedCitations(6) }), 400, 'QUERY_TOO_DEEP');
      expect(error.extensions).toMatchObject({ limit: 12, actual: 14 });
      expect(error.message).toBe('Query depth limit of 12 exceeded, found 14.');
    });

    it('too many aliases: TOO_MANY_ALIASES', async () => {
      const query = `{ ${Array.from({ length: 16 }, (_, i) => `a${i}: gateway { version }`).join(' ')} }`;
      const error = expectRefused(await post(gateway, { query }), 400, 'TOO_MANY_ALIASES');
      expect(error.extensions).toMatchObject({ limit: 15, actual: 16 });
    });

    it('a directive flood: TOO_MANY_DIRECTIVES', async () => {
      const error = expectRefused(await post(gateway, { query: `{ gateway { ${'version @skip(if: false) '.repeat(26)} } }` }), 400, 'TOO_MANY_DIRECTIVES');
      expect(error.extensions).toMatchObject({ limit: 25, actual: 26 });
    });

    it('too many tokens: TOO_MANY_TOKENS', async () => {
      expect([tokenCount(longTypeList(981)), tokenCount(longTypeList(982))]).toEqual([1000, 1001]);
      const error = expectRefused(await post(gateway, { query: longTypeList(982) }), 400, 'TOO_MANY_TOKENS');
      expect(error.extensions).toMatchObject({ limit: 1000 });
      expect(error.message).toMatch(/more tha[nt] 1000 tokens/);
      // A flood of directives is cut short by the token limit as well.
      expectRefused(await post(gateway, { query: `{ gateway { ${'version @skip(if: false) '.repeat(200)} } }` }), 400, 'TOO_MANY_TOKENS');
    });

    it('nested pages of 200: QUERY_TOO_COMPLEX, counting first through variables', async () => {
      const literal = await post(gateway, { query: '{ works(first: 200) { nodes { citedBy(first: 200) { nodes { id } } references(first: 200) { nodes { id } } } } }' });
      expect(expectRefused(literal, 400, 'QUERY_TOO_COMPLEX').extensions).toMatchObject({ limit: 50000, actual: 1 + 200 * (1 + 201 + 201) });

      const query = 'query Pages($n: Int) { works(first: $n) { nodes { id citedBy(first: $n) { nodes { id } } references(first: $n) { nodes { id } } } } }';
      expectRefused(await post(gateway, { query, variables: { n: 200 } }), 400, 'QUERY_TOO_COMPLEX');
      const small = await post(gateway, { query, variables: { n: 10 } });
      expect({ status: small.status, errors: small.body.errors }).toEqual({ status: 200, errors: undefined });
    });

    it('pages without first count at the default size (25): QUERY_TOO_COMPLEX', async () => {
      // 25 × 25 × 25 × 25 citing works.
      const defaults = '{ works { nodes { citedBy { nodes { citedBy { nodes { citedBy { nodes { id } } } } } } } } }';
      const error = expectRefused(await post(gateway, { query: defaults }), 400, 'QUERY_TOO_COMPLEX');
      expect(error.extensions['actual']).toBeGreaterThan(25 ** 4);
    });

    it('a fragment bomb: QUERY_TOO_COMPLEX once it expands to more than 10,000 selections', async () => {
      const bomb = (levels: number) => {
        const defs = Array.from({ length: levels }, (_, i) => `fragment F${i} on Query { ${`...F${i + 1} `.repeat(10)}}`);
        return `{ ...F0 } ${defs.join(' ')} fragment F${levels} on Query { __typename }`;
      };
      const ok = await post(gateway, { query: bomb(3) });
      expect(ok.body).toEqual({ data: { __typename: 'Query' } });
      const error = expectRefused(await post(gateway, { query: bomb(4) }), 400, 'QUERY_TOO_COMPLEX');
      expect(error.message).toMatch(/expands to more than 10000 selections/);
    });

    it('nested introspection: refused by graphql-js\'s own introspection depth rule', async () => {
      const introspection = '{ __schema { types { fields { type { fields { type { fields { type { fields { name } } } } } } } } } }';
      const error = expectRefused(await post(gateway, { query: introspection }), 400, 'GRAPHQL_VALIDATION_FAILED');
      expect(error.message).toBe('Maximum introspection depth exceeded');
    });

    it('a body over the limit: PAYLOAD_TOO_LARGE (413), as JSON', async () => {
      const body = JSON.stringify({ query: '{ gateway { version } }', variables: { padding: 'x'.repeat(1024 * 1024) } });
      const error = expectRefused(await post(gateway, body), 413, 'PAYLOAD_TOO_LARGE');
      expect(error.extensions).toMatchObject({ limit: 1024 * 1024 });
    });

    it('a batch over the limit: BATCH_LIMIT_EXCEEDED, before anything runs', async () => {
      const batch = Array.from({ length: 11 }, () => ({ query: '{ gateway { version } }' }));
      const error = expectRefused(await post(gateway, batch), 400, 'BATCH_LIMIT_EXCEEDED');
      expect(error.extensions).toMatchObject({ limit: 10, actual: 11 });
    });

    it('malformed JSON: BAD_REQUEST (400), as JSON', async () => {
      expectRefused(await post(gateway, '{"query": "{ gateway { version } }"'), 400, 'BAD_REQUEST');
    });

    it('answers application/json clients 200 for a refused document (GraphQL over HTTP), but keeps 413', async () => {
      const legacy = { accept: 'application/json' };
      const refused = await post(gateway, { query: '{ works(first: 200) { nodes { citedBy(first: 200) { nodes { id } } references(first: 200) { nodes { id } } } } }' }, legacy);
      expect({ status: refused.status, codes: codes(refused), type: refused.contentType }).toEqual({
        status: 200,
        codes: ['QUERY_TOO_COMPLEX'],
        type: 'application/json; charset=utf-8',
      });
      const tooLarge = await post(gateway, JSON.stringify({ query: `{ gateway { version } }${' '.repeat(1024 * 1024)}` }), legacy);
      expect({ status: tooLarge.status, codes: codes(tooLarge), type: tooLarge.contentType }).toEqual({
        status: 413,
        codes: ['PAYLOAD_TOO_LARGE'],
        type: 'application/json; charset=utf-8',
      });
    });
  });

  describe('HTTP methods and CSRF prevention', () => {
    it('refuses a GET query without a preflight header (a simple cross-site request)', async () => {
      const res = await get(gateway, { query: '{ gateway { version } }' });
      expectRefused(res, 400, 'BAD_REQUEST');
      expect(res.body.errors?.[0]?.message).toMatch(/Cross-Site Request Forgery/);
    });

    it('refuses a POST with a simple content type (text/plain)', async () => {
      const res = await post(gateway, JSON.stringify({ query: '{ gateway { version } }' }), { 'content-type': 'text/plain' });
      expect(res.status).toBe(400);
      expect(res.body.errors?.[0]?.message).toMatch(/Cross-Site Request Forgery/);
    });

    it('answers a GET query with a preflight header, and refuses a GET mutation with 405', async () => {
      const preflight = { 'apollo-require-preflight': 'true' };
      const query = await get(gateway, { query: '{ gateway { version } }' }, preflight);
      expect({ status: query.status, data: query.body.data }).toEqual({ status: 200, data: { gateway: { version: expect.any(String) } } });

      const mutation = await get(gateway, { query: 'mutation { __typename }' }, preflight);
      expectRefused(mutation, 405, 'BAD_REQUEST');
      expect(mutation.headers.get('allow')).toBe('POST');
    });

    it('still serves the GraphiQL explorer to a browser at GET /graphql', async () => {
      const res = await fetch(gateway.url, { headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    });
  });

  describe('automatic persisted queries', () => {
    it('round trip: unknown hash, then registration, then the hash alone (POST and GET)', async () => {
      const query = '{ gateway { version stores { store } } }';
      const hash = sha256(query);
      const miss = await post(gateway, { extensions: apq(hash) });
      expect({ status: miss.status, codes: codes(miss) }).toEqual({ status: 200, codes: ['PERSISTED_QUERY_NOT_FOUND'] });

      const registered = await post(gateway, { query, extensions: apq(hash) });
      expect(registered.body.errors).toBeUndefined();

      const hit = await post(gateway, { extensions: apq(hash) });
      expect({ status: hit.status, data: hit.body.data }).toEqual({ status: 200, data: registered.body.data });
      const hitByGet = await get(gateway, { extensions: JSON.stringify(apq(hash)) }, { 'apollo-require-preflight': 'true' });
      expect(hitByGet.body.data).toEqual(registered.body.data);
    });

    it('refuses a registration whose hash is not the SHA-256 of the query', async () => {
      const res = await post(gateway, { query: '{ gateway { version } }', extensions: apq(sha256('{ something else }')) });
      expect(expectRefused(res, 400, 'BAD_REQUEST').message).toBe('provided sha does not match query');
    });
  });

  it('suggests field names outside production', async () => {
    const res = await post(gateway, { query: '{ gatewey { version } }' });
    expect(res.body.errors?.[0]?.message).toMatch(/Did you mean "gateway"\?/);
  });
});

describe('allow-list mode (GRAPHQL_PERSISTED_ONLY)', () => {
  const listed = '{ gateway { version } }';
  const alsoListed = 'query Stores { gateway { stores { store configured } } }';
  let dir: string;
  let gateway: TestGateway;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'persisted-'));
    const file = path.join(dir, 'persisted-documents.json');
    writeFileSync(file, JSON.stringify({ [sha256(listed)]: listed, [sha256(alsoListed)]: alsoListed }));
    gateway = await startTestGateway({ SEED: 'none', GRAPHQL_PERSISTED_ONLY: 'true', GRAPHQL_PERSISTED_DOCUMENTS: file });
  });
  afterAll(async () => {
    await gateway.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs a persisted document sent by its hash or by its text', async () => {
    const byHash = await post(gateway, { extensions: apq(sha256(alsoListed)) });
    expect(byHash.body).toEqual({ data: { gateway: { stores: expect.any(Array) } } });
    const byText = await post(gateway, { query: listed });
    expect(byText.body).toEqual({ data: { gateway: { version: expect.any(String) } } });
  });

  it('refuses any other document with QUERY_NOT_IN_SAFELIST, and never registers it', async () => {
    const other = '{ gateway { stores { backend } } }';
    expectRefused(await post(gateway, { query: other }), 400, 'QUERY_NOT_IN_SAFELIST');
    expectRefused(await post(gateway, { query: other, extensions: apq(sha256(other)) }), 400, 'QUERY_NOT_IN_SAFELIST');
    const afterwards = await post(gateway, { extensions: apq(sha256(other)) });
    expect(codes(afterwards)).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
  });
});

describe('production profile (NODE_ENV=production)', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway({ SEED: 'none', NODE_ENV: 'production' });
  });
  afterAll(() => gateway.stop());

  it('turns introspection off', async () => {
    const res = await post(gateway, { query: '{ __schema { queryType { name } } }' });
    expectRefused(res, 400, 'GRAPHQL_VALIDATION_FAILED');
    expect(res.body.errors?.[0]?.message).toMatch(/introspection is not allowed/);
    const typename = await post(gateway, { query: '{ __typename }' });
    expect(typename.body).toEqual({ data: { __typename: 'Query' } });
  });

  it('gives no "Did you mean" suggestions', async () => {
    const res = await post(gateway, { query: '{ gatewey { version } }' });
    expectRefused(res, 400, 'GRAPHQL_VALIDATION_FAILED');
    expect(res.body.errors?.[0]?.message).toBe('Cannot query field "gatewey" on type "Query".');
  });

  it('keeps the limits', async () => {
    expectRefused(await post(gateway, { query: nestedCitations(6) }), 400, 'QUERY_TOO_DEEP');
  });
});
