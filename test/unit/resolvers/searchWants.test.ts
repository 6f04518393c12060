import { makeExecutableSchema } from '@graphql-tools/schema';
import { graphql, type GraphQLResolveInfo } from 'graphql';
import type { SearchWants } from '../../../datasources/SearchIndex';
import { searchWants } from '../../../resolvers/searchWants';
import { loadTypeDefs } from '../../../src/schema';

/** The wants of every `searchWorks` resolved by executing `source` on the real SDL (the resolver records, answers null). */
async function wantsOf(source: string, variableValues?: Record<string, unknown>): Promise<SearchWants[]> {
  const seen: SearchWants[] = [];
  const schema = makeExecutableSchema({
    typeDefs: loadTypeDefs(),
    resolvers: {
      Query: {
        searchWorks: (_p: unknown, _a: unknown, _c: unknown, info: GraphQLResolveInfo) => {
          seen.push(searchWants(info));
          return null;
        },
      },
    },
  });
  const res = await graphql({ schema, source, ...(variableValues ? { variableValues } : {}) });
  expect(res.errors).toBeUndefined();
  return seen;
}

const NOTHING: SearchWants = { page: false, totalCount: false, facets: [] };

describe('searchWants: what a searchWorks selection needs of the index', () => {
  it('wants the total alone for totalCount, nothing for groupBy or __typename', async () => {
    expect(await wantsOf('{ searchWorks { totalCount } }')).toEqual([{ ...NOTHING, totalCount: true }]);
    expect(await wantsOf('{ searchWorks { __typename groupBy(field: YEAR) { totalCount groups { key count } } } }')).toEqual([NOTHING]);
  });

  it('wants the page for edges, nodes or pageInfo alone', async () => {
    for (const field of ['edges { cursor }', 'nodes { id }', 'pageInfo { hasNextPage }', 'pageInfo { endCursor }']) {
      expect(await wantsOf(`{ searchWorks { ${field} } }`)).toEqual([{ ...NOTHING, page: true }]);
    }
  });

  it('wants only the facets selected, in a fixed order, whatever the order of the selection', async () => {
    expect(await wantsOf('{ searchWorks { facets { topic { count } publicationYear { year } } } }')).toEqual([{ ...NOTHING, facets: ['publicationYear', 'topic'] }]);
    expect(await wantsOf('{ searchWorks { facets { __typename } } }')).toEqual([NOTHING]);
    expect(await wantsOf('{ searchWorks { totalCount facets { type { count } isOpenAccess { count } } nodes { id } } }')).toEqual([
      { page: true, totalCount: true, facets: ['type', 'isOpenAccess'] },
    ]);
  });

  it('reads named and inline fragments, nested ones included', async () => {
    const source = `
      query { searchWorks { ...Conn } }
      fragment Conn on WorkSearchConnection { ... on WorkSearchConnection { totalCount } facets { ...Facets } }
      fragment Facets on WorkSearchFacets { ... { topic { count } } }`;
    expect(await wantsOf(source)).toEqual([{ ...NOTHING, totalCount: true, facets: ['topic'] }]);
  });

  it('applies @skip and @include with literals and variables, on fields and on fragments', async () => {
    const source = `query($withPage: Boolean!, $noFacets: Boolean!) { searchWorks {
      nodes @include(if: $withPage) { id }
      totalCount @skip(if: true)
      ... on WorkSearchConnection @skip(if: $noFacets) { facets { type { count } } }
      facets { topic @include(if: false) { count } isOpenAccess @include(if: true) { count } }
    } }`;
    expect(await wantsOf(source, { withPage: false, noFacets: true })).toEqual([{ ...NOTHING, facets: ['isOpenAccess'] }]);
    expect(await wantsOf(source, { withPage: true, noFacets: false })).toEqual([{ ...NOTHING, page: true, facets: ['type', 'isOpenAccess'] }]);
  });

  it('takes the union of a field selected under several aliases (with different arguments)', async () => {
    const source = `{ searchWorks {
      a: facets { type { count } }
      b: facets { topic { count } }
      years: groupBy(field: YEAR) { totalCount }
      topics: groupBy(field: TOPIC, first: 3) { totalCount }
      count: totalCount
    } }`;
    expect(await wantsOf(source)).toEqual([{ ...NOTHING, totalCount: true, facets: ['type', 'topic'] }]);
  });

  it('answers each aliased searchWorks by its own selection', async () => {
    expect(await wantsOf('{ a: searchWorks(first: 5) { nodes { id } } b: searchWorks(query: "x") { totalCount } }')).toEqual([
      { ...NOTHING, page: true },
      { ...NOTHING, totalCount: true },
    ]);
  });
});
