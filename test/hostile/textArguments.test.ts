import { sampleGroundTruth, statedSampleCount } from '../support/sampleGroundTruth';
import type { TestGateway } from '../support/testGateway';
import { testToken } from '../support/testTokens';
import { expectData, expectTypedError, postGraphql, rawRequest } from './support/hostileHttp';
import { startProductionGateway } from './support/productionGateway';

const truth = sampleGroundTruth();
const withDoi = [...truth.works.values()].find((w) => w.doi !== null);
const bareDoi = (withDoi?.doi ?? '').replace(/^https:\/\/doi\.org\//, '');

describe('text arguments with NUL or unpaired surrogates (production mode): BAD_USER_INPUT naming the argument, nothing reaches a store', () => {
  let gateway: TestGateway;
  let editor: string;
  const gql = (query: string, variables?: Record<string, unknown>, headers?: Record<string, string>) => postGraphql(gateway.url, { query, variables }, headers);

  beforeAll(async () => {
    gateway = await startProductionGateway();
    editor = await testToken('editor');
  });
  afterAll(() => gateway?.stop());

  it('answers the same filters without the bad characters (control)', async () => {
    const data = expectData<{ works: { nodes: { id: string }[] } }>(await gql('query($d: String) { works(filter: { doi: $d }) { nodes { id } } }', { d: bareDoi }));
    expect(data.works.nodes.map((n) => n.id)).toEqual([withDoi?.id]);
  });

  it.each([
    ['works(filter: { doi })', '{ works(filter: { doi: "10.1234/a\\u0000b" }) { totalCount } }', 'filter.doi'],
    ['authors(filter: { nameContains })', '{ authors(filter: { nameContains: "a\\u0000" }) { totalCount } }', 'filter.nameContains'],
    ['works(filter: { type })', '{ works(filter: { type: ["a\\u0000"] }) { totalCount } }', 'filter.type[0]'],
    ['searchWorks(filter: { doi })', '{ searchWorks(query: "hydrogen", filter: { doi: "10.1234/\\u0000" }) { totalCount } }', 'filter.doi'],
    ['searchWorks(query)', '{ searchWorks(query: "hydro\\u0000gen") { totalCount } }', 'query'],
    ['autocompleteWorks(prefix)', '{ autocompleteWorks(prefix: "hy\\u0000") { id } }', 'prefix'],
    ['work(id)', '{ work(id: "W1\\u0000") { id } }', 'id'],
    ['a nested filter', '{ works(filter: { or: [{ isOpenAccess: true }, { and: [{ doi: "10.1/\\u0000" }] }] }) { totalCount } }', 'filter.or[1].and[0].doi'],
    ['a nested field', `{ work(id: "${withDoi?.id}") { citedBy(after: "\\u0000") { totalCount } } }`, 'after'],
  ])('a NUL in a literal: %s', async (_name, query, argument) => {
    const error = expectTypedError(await gql(query), { status: 400, code: 'BAD_USER_INPUT', argument, message: /NUL character \(U\+0000\)/ });
    expect(error.extensions['problems']).toEqual([expect.objectContaining({ field: argument })]);
  });

  it('the same request from an application/json client: 200 with the same error (GraphQL over HTTP)', async () => {
    const res = await gql('{ works(filter: { doi: "10.1234/a\\u0000b" }) { totalCount } }', undefined, { accept: 'application/json' });
    expectTypedError(res, { status: 200, code: 'BAD_USER_INPUT', argument: 'filter.doi' });
    expect((res.json as { data?: unknown }).data).toBeUndefined();
  });

  it.each([
    ['a NUL', 'a\u0000b', /NUL/],
    ['an unpaired high surrogate', 'x\uD800', /unpaired surrogate \(U\+D800\)/],
    ['an unpaired low surrogate', '\uDC00x', /unpaired surrogate \(U\+DC00\)/],
  ])('%s in a variable, at any depth of the filter', async (_what, text, message) => {
    const variables = { f: { and: [{ or: [{ type: ['article', text] }] }] } };
    const error = expectTypedError(await gql('query($f: WorkFilter) { works(filter: $f) { totalCount } }', variables), { status: 400, code: 'BAD_USER_INPUT', message });
    expect(error.extensions['argument']).toBe('filter.and[0].or[0].type[1]');
    const search = await gql('query($f: WorkFilter) { searchWorks(query: "hydrogen", filter: $f) { totalCount } }', { f: { doi: text } });
    expectTypedError(search, { status: 400, code: 'BAD_USER_INPUT', argument: 'filter.doi', message });
  });

  it('the same over GET (variables in the query string)', async () => {
    const url = new URL(gateway.url);
    url.searchParams.set('query', 'query($d: String) { works(filter: { doi: $d }) { totalCount } }');
    url.searchParams.set('variables', JSON.stringify({ d: '10.1/\u0000' }));
    const res = await rawRequest(url.href, { headers: { accept: 'application/graphql-response+json', 'apollo-require-preflight': 'true' } });
    expectTypedError(res, { status: 400, code: 'BAD_USER_INPUT', argument: 'filter.doi' });
  });

  describe('mutations an editor sends (the database would refuse them): BAD_USER_INPUT naming the field, nothing written', () => {
    const CREATE = 'mutation($input: CreateArticleInput!) { createArticle(input: $input) { work { id version } } }';
    const valid = () => ({ title: 'Hostile title probe', publicationDate: '2024-05-01', newAuthors: [{ displayName: 'Ada Probe' }] });
    const total = async () => expectData<{ works: { totalCount: number } }>(await gql('{ works { totalCount } }')).works.totalCount;

    it.each([
      ['a title with an unpaired surrogate', { title: 'x\uD800' }, 'input.title', /unpaired surrogate/],
      ['a DOI with a NUL', { doi: '10.1234/a\u0000b' }, 'input.doi', /NUL/],
      ['an author name with a NUL', { newAuthors: [{ displayName: 'A\u0000' }] }, 'input.newAuthors[0].displayName', /NUL/],
      ['an abstract with an unpaired surrogate', { abstract: 'ab\uDC00' }, 'input.abstract', /unpaired surrogate/],
    ])('createArticle with %s', async (_what, change, argument, message) => {
      const res = await gql(CREATE, { input: { ...valid(), ...change } }, { authorization: `Bearer ${editor}` });
      expectTypedError(res, { status: 400, code: 'BAD_USER_INPUT', argument, message });
      expect(await total()).toBe(statedSampleCount('Unique works'));
    });

    it('updateArticle with a title holding an unpaired surrogate leaves the article as it was', async () => {
      const created = expectData<{ createArticle: { work: { id: string; version: number } } }>(await gql(CREATE, { input: valid() }, { authorization: `Bearer ${editor}` }));
      const { id } = created.createArticle.work;
      const update = 'mutation($id: ID!, $input: UpdateArticleInput!) { updateArticle(id: $id, input: $input) { work { version } } }';
      const res = await gql(update, { id, input: { version: 1, title: 'better\uD83D' } }, { authorization: `Bearer ${editor}` });
      expectTypedError(res, { status: 400, code: 'BAD_USER_INPUT', argument: 'input.title' });
      const after = expectData<{ work: { title: string; version: number } }>(await gql('query($id: ID!) { work(id: $id) { title version } }', { id }));
      expect(after.work).toEqual({ title: 'Hostile title probe', version: 1 });
      await gql('mutation($id: ID!) { deleteArticle(id: $id) { id } }', { id }, { authorization: `Bearer ${editor}` });
    });
  });
});

describe('autocomplete prefixes (production mode): bounded, literal, never an internal error', () => {
  let gateway: TestGateway;
  const gql = (query: string, variables?: Record<string, unknown>) => postGraphql(gateway.url, { query, variables });
  const FIELDS = ['autocompleteWorks', 'autocompleteAuthors', 'autocompleteTopics', 'autocompleteInstitutions', 'autocompleteSources'];

  beforeAll(async () => {
    gateway = await startProductionGateway();
  });
  afterAll(() => gateway?.stop());

  it.each(FIELDS)('%s: longer than 100 characters, more than 10 words or blank is BAD_USER_INPUT on prefix', async (field) => {
    for (const prefix of ['a'.repeat(101), 'a b c d e f g h i j k', '   ']) {
      expectTypedError(await gql(`query($p: String!) { ${field}(prefix: $p) { id } }`, { p: prefix }), { code: 'BAD_USER_INPUT', argument: 'prefix' });
    }
    expectTypedError(await gql(`{ ${field}(prefix: "a", first: 51) { id } }`), { code: 'BAD_USER_INPUT', argument: 'first' });
  });

  it.each(FIELDS)('%s: punctuation only suggests nothing; tsquery and wildcard characters are separators', async (field) => {
    for (const prefix of ['%', '_', '\\', "'", '!&|:*', '"', '-- ;']) {
      const data = expectData<Record<string, unknown[]>>(await gql(`query($p: String!) { ${field}(prefix: $p) { id } }`, { p: prefix }));
      expect(data[field]).toEqual([]);
    }
    for (const prefix of ["x' | 'y", 'a:* & !b', '\\\\', `${'ab '.repeat(9)}a${'%'.repeat(70)}`]) {
      const data = expectData<Record<string, unknown[]>>(await gql(`query($p: String!) { ${field}(prefix: $p) { id } }`, { p: prefix }));
      expect(Array.isArray(data[field])).toBe(true);
    }
  });
});
