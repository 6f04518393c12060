import { searchSignature } from '../../../../datasources/shared/searchSignature';
import type { SqlParam } from '../../../../datasources/postgres/SqlExecutor';
import { PostgresSearchIndex } from '../../../../datasources/postgres/PostgresSearchIndex';
import { encodeSearchCursor, MARK_START, MARK_STOP } from '../../../../datasources/postgres/sql/searchSql';
import { StorePolicy } from '../../../../datasources/shared/StorePolicy';
import { isTransientPgError } from '../../../../datasources/postgres/isTransientPgError';

/** A database that answers each statement by what it starts with, recording them. */
function fakeDb(answers: { page?: object[]; facets?: object[]; autocomplete?: object[] }) {
  const statements: { sql: string; params: readonly SqlParam[] }[] = [];
  return {
    statements,
    db: {
      query: async <Row extends object>(sql: string, params: readonly SqlParam[] = []): Promise<Row[]> => {
        statements.push({ sql, params });
        if (sql.includes('ts_headline')) return (answers.page ?? []) as Row[];
        if (sql.includes("'total'")) return (answers.facets ?? []) as Row[];
        return (answers.autocomplete ?? []) as Row[];
      },
    },
  };
}

const policy = () => new StorePolicy('postgres', isTransientPgError, { maxAttempts: 1 });

describe('PostgresSearchIndex', () => {
  it('answers a page (first of first + 1 rows), its total and facets in two statements', async () => {
    const { db, statements } = fakeDb({
      page: [
        { id: 'W2', score: '2.0607927', key: '2.0607927', title_hl: `${MARK_START}Hydrogen${MARK_STOP} storage`, abstract_hl: 'no match' },
        { id: 'W1', score: '0.5', key: '0.5', title_hl: 'Other', abstract_hl: null },
        { id: 'W3', score: '0.25', key: '0.25', title_hl: null, abstract_hl: null },
      ],
      facets: [
        { facet: 'total', value: null, n: 3, ord: 0 },
        { facet: 'year', value: '2019', n: 1, ord: 2 },
        { facet: 'year', value: '2024', n: 2, ord: 1 },
        { facet: 'oa', value: 'true', n: 3, ord: 1 },
        { facet: 'type', value: 'article', n: 3, ord: 1 },
      ],
    });
    const result = await new PostgresSearchIndex(db, policy()).search('hydrogen', undefined, { first: 2, sort: [] });
    expect(statements).toHaveLength(2);
    expect(result.page.hasNextPage).toBe(true);
    expect(await result.page.totalCount()).toBe(3);
    expect(result.page.edges.map((e) => e.node)).toEqual([
      { workId: 'W2', score: 2.0607927, highlights: [{ field: 'title', snippets: ['<em>Hydrogen</em> storage'] }] },
      { workId: 'W1', score: 0.5, highlights: [] },
    ]);
    expect(result.page.edges[1]?.cursor).toBe(encodeSearchCursor(searchSignature(['postgresql', 'RELEVANCE'], 'hydrogen', undefined), { key: '0.5', id: 'W1' }));
    expect(result.facets).toEqual({
      publicationYear: [
        { value: '2024', count: 2 },
        { value: '2019', count: 1 },
      ],
      type: [{ value: 'article', count: 3 }],
      isOpenAccess: [{ value: 'true', count: 3 }],
      topic: [],
    });
  });

  it('pages after a cursor of the same search, and refuses another search’s cursor before running anything', async () => {
    const { db, statements } = fakeDb({});
    const index = new PostgresSearchIndex(db, policy());
    const after = encodeSearchCursor(searchSignature(['postgresql', 'RELEVANCE'], 'hydrogen', undefined), { key: '0.5', id: 'W1' });
    await index.search('hydrogen', undefined, { first: 2, sort: [], after });
    expect(statements[0]?.params).toEqual(expect.arrayContaining(['0.5', 'W1']));
    statements.length = 0;
    await expect(index.search('hydrogen', { isOpenAccess: true }, { first: 2, sort: [], after })).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(statements).toHaveLength(0);
  });

  it('autocompletes through one statement, its words one bound tsquery text, and not at all for first 0', async () => {
    const { db, statements } = fakeDb({ autocomplete: [{ id: 'W1', title: 'Hydrogen storage' }] });
    const index = new PostgresSearchIndex(db, policy());
    expect(await index.autocomplete({ whole: ['hydrogen'], prefix: 'st' }, 3)).toEqual([{ workId: 'W1', title: 'Hydrogen storage' }]);
    expect(statements[0]?.params).toEqual(["'hydrogen':A & 'st':*A", 3]);
    expect(await index.autocomplete({ whole: [], prefix: 'hyd' }, 0)).toEqual([]);
    expect(statements).toHaveLength(1);
  });
});
