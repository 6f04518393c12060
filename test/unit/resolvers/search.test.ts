import { makeExecutableSchema } from '@graphql-tools/schema';
import { graphql, type GraphQLResolveInfo } from 'graphql';
import type { SearchIndex, SearchResult } from '../../../datasources/SearchIndex';
import { MAX_QUERY_LENGTH, searchResolvers } from '../../../resolvers/search';
import { loadTypeDefs } from '../../../src/schema';

type Fn = (parent: unknown, args: unknown, context: unknown, info: unknown) => unknown;
const field = (type: string, name: string) => (searchResolvers as unknown as Record<string, Record<string, Fn>>)[type]?.[name] as Fn;

const RESULT: SearchResult = {
  page: { edges: [], hasNextPage: false, totalCount: () => Promise.resolve(0) },
  facets: {
    publicationYear: [{ value: '2024', count: 3 }],
    type: [{ value: 'article', count: 3 }],
    isOpenAccess: [
      { value: 'false', count: 2 },
      { value: 'true', count: 1 },
    ],
    topic: [{ value: 'T1', count: 2 }],
  },
};

function fakeSearch() {
  const calls: unknown[][] = [];
  const search = {
    backend: 'postgresql',
    search: (...args: unknown[]) => {
      calls.push(args);
      return Promise.resolve(RESULT);
    },
    autocomplete: () => Promise.resolve([]),
  } as unknown as SearchIndex;
  return { search, calls };
}

/** The resolve info of `searchWorks` in `source`, executed on the real SDL. */
async function infoOf(source: string): Promise<GraphQLResolveInfo> {
  let info: GraphQLResolveInfo | undefined;
  const schema = makeExecutableSchema({
    typeDefs: loadTypeDefs(),
    resolvers: { Query: { searchWorks: (_p: unknown, _a: unknown, _c: unknown, i: GraphQLResolveInfo) => void (info = i) } },
  });
  await graphql({ schema, source });
  if (info === undefined) throw new Error(`searchWorks was not resolved in ${source}`);
  return info;
}

describe('searchWorks resolver', () => {
  it('browses with an absent or blank query, and passes the sort and what the selection wants on', async () => {
    const { search, calls } = fakeSearch();
    const info = await infoOf('{ searchWorks { totalCount facets { topic { count } } } }');
    field('Query', 'searchWorks')({}, { sort: 'TITLE_ASC' }, { search }, info);
    field('Query', 'searchWorks')({}, { query: '   ', first: 5 }, { search }, info);
    field('Query', 'searchWorks')({}, { query: ' "co2 storage" OR shale ' }, { search }, info);
    expect(calls.map((c) => [c[0], (c[2] as { sort: unknown }).sort])).toEqual([
      ['', ['TITLE_ASC']],
      ['', []],
      ['"co2 storage" OR shale', []],
    ]);
    expect(calls.map((c) => c[3])).toEqual(Array(3).fill({ page: false, totalCount: true, facets: ['topic'] }));
  });

  it(`refuses a query over ${MAX_QUERY_LENGTH} characters as BAD_USER_INPUT on query`, async () => {
    const { search } = fakeSearch();
    const info = await infoOf('{ searchWorks { totalCount } }');
    expect(() => field('Query', 'searchWorks')({}, { query: 'x'.repeat(MAX_QUERY_LENGTH + 1) }, { search }, info)).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', argument: 'query' }) }),
    );
  });

  it('types the facet keys as the filter takes them, keeping value and label', async () => {
    const loaders = { topic: { loadMany: async () => [{ id: 'T1', displayName: 'Topic one' }] } };
    const facets = await field('WorkSearchConnection', 'facets')({ result: Promise.resolve(RESULT) }, {}, { loaders }, {});
    expect(facets).toEqual({
      publicationYear: [{ year: 2024, value: '2024', label: null, count: 3 }],
      type: [{ type: 'article', value: 'article', label: null, count: 3 }],
      isOpenAccess: [
        { isOpenAccess: false, value: 'false', label: null, count: 2 },
        { isOpenAccess: true, value: 'true', label: null, count: 1 },
      ],
      topic: [{ topicId: 'T1', value: 'T1', label: 'Topic one', count: 2 }],
    });
  });
});
