import { isTransientPgError } from '../../../../datasources/postgres/isTransientPgError';
import { PostgresCitationGraph } from '../../../../datasources/postgres/PostgresCitationGraph';
import type { SqlExecutor, SqlParam } from '../../../../datasources/postgres/SqlExecutor';
import { StorePolicy } from '../../../../datasources/shared/StorePolicy';
import { InvalidCursorError } from '../../../../src/core/errors';

interface Statement {
  readonly text: string;
  readonly params: readonly SqlParam[];
}

/** An executor double: records statements and answers rows from `answer`. */
function fakeDb(answer: (text: string, params: readonly SqlParam[]) => object[] = () => []) {
  const statements: Statement[] = [];
  const db: Pick<SqlExecutor, 'query'> = {
    query: async <Row extends object>(text: string, params: readonly SqlParam[] = []) => {
      statements.push({ text, params });
      return answer(text, params) as Row[];
    },
  };
  return { db, statements };
}

const ids = Array.from({ length: 100 }, (_, i) => `W${1000 + i}`);
const policy = () => new StorePolicy('postgres', isTransientPgError, { maxAttempts: 1 });

describe('PostgresCitationGraph (executor double)', () => {
  it('counts 100 works in one statement with each id once, aligning keys (missing: 0)', async () => {
    const { db, statements } = fakeDb(() => [{ id: 'W1001', n: 4 }]);
    const counts = await new PostgresCitationGraph(db, policy()).countReferences([...ids, 'W1001']);
    expect(statements).toHaveLength(1);
    expect(statements[0]?.params).toEqual([ids]);
    expect(counts[1]).toBe(4);
    expect(counts[100]).toBe(4);
    expect(counts.filter((n) => n === 0)).toHaveLength(99);
  });

  it('answers 100 citedBy pages with one statement, and all their totalCounts with one more', async () => {
    const { db, statements } = fakeDb((text) =>
      text.includes('row_number()') ? [{ id: 'W7', _key: 'W1000', _k0: 9, _k1: 'W7' }, { id: 'W8', _key: 'W1000', _k0: 8, _k1: 'W8' }] : [{ id: 'W1000', n: 2 }],
    );
    const graph = new PostgresCitationGraph(db, policy());
    const pages = await graph.citedBy(ids, { sort: ['CITED_BY_COUNT_DESC'], first: 1 });
    expect(statements).toHaveLength(1);
    expect(statements[0]?.text).toContain('PARTITION BY r.cited_id');
    expect(pages[0]?.edges.map((e) => e.node)).toEqual(['W7']);
    expect(pages[0]?.hasNextPage).toBe(true);
    expect(pages[1]?.edges).toEqual([]);
    const totals = await Promise.all(pages.map((p) => p.totalCount()));
    expect(totals[0]).toBe(2);
    expect(totals.slice(1).every((n) => n === 0)).toBe(true);
    expect(statements).toHaveLength(2);
  });

  it('answers one work’s citedBy page with a statement over works probing work_references, so it can be planned for that work', async () => {
    const { db, statements } = fakeDb((text) => (text.includes('LIMIT') ? [{ id: 'W7', _key: 'W1', _k0: 9, _k1: 'W7' }, { id: 'W8', _key: 'W1', _k0: 8, _k1: 'W8' }] : []));
    const graph = new PostgresCitationGraph(db, policy());
    const [page] = await graph.citedBy(['W1', 'W1'], { sort: ['CITED_BY_COUNT_DESC'], first: 1 });
    expect(statements).toHaveLength(1);
    expect(statements[0]?.text).not.toContain('row_number()');
    expect(statements[0]?.text).toMatch(/FROM works w\s+WHERE EXISTS \(SELECT 1 FROM work_references r WHERE r\.citing_id = w\.id AND r\.cited_id = \$2::text\)/);
    expect(statements[0]?.text).toMatch(/ORDER BY w\.cited_by_count DESC, w\.id COLLATE "C" ASC LIMIT \$1::integer$/);
    // The page size (plus one) and the id travel as parameters; nothing of the request is in the text.
    expect(statements[0]?.params).toEqual([2, 'W1']);
    expect(page?.edges.map((e) => e.node)).toEqual(['W7']);
    expect(page?.hasNextPage).toBe(true);

    await graph.citedBy(['W1'], { sort: ['CITED_BY_COUNT_DESC'], first: 1, after: page?.edges[0]?.cursor });
    expect(statements[1]?.params).toEqual([9, 'W7', 2, 'W1']);
  });

  it('walks with one statement per page: one CTE per level of the validated depth, the cap and page size bound', async () => {
    const { db, statements } = fakeDb(() => []);
    const graph = new PostgresCitationGraph(db, policy());
    for (const depth of [1, 2, 3] as const) await graph.traverse('W1', 'REFERENCES', depth, { sort: [], first: 5 }, 100);
    expect(statements).toHaveLength(3);
    expect(statements.map((s) => s.params)).toEqual([
      ['W1', 101, 100, 6],
      ['W1', 101, 100, 6],
      ['W1', 101, 100, 6],
    ]);
    expect(statements.map((s) => (s.text.match(/ l[1-9] AS \(/g) ?? []).length)).toEqual([1, 2, 3]);
    expect(statements[2]?.text).not.toContain('RECURSIVE');
    expect(statements[2]?.text).toContain('greatest($2::integer - ((SELECT count(*) FROM l1) + (SELECT count(*) FROM l2)), 0)');
  });

  it('counts from the page’s rows: the visited works up to the cap, and whether it was reached', async () => {
    const { db, statements } = fakeDb(() => [{ id: 'W2', depth: 1, pred: 'W1', _k0: 1, _k1: 'W2', _visited: 101 }]);
    const graph = new PostgresCitationGraph(db, policy());
    const page = await graph.traverse('W1', 'CITED_BY', 2, { sort: [], first: 5 }, 100);
    expect([await page.totalCount(), await page.totalCountCapped()]).toEqual([100, true]);
    expect(statements).toHaveLength(1);
  });

  it('counts an empty page with one more statement, run once when asked for', async () => {
    const { db, statements } = fakeDb((text) => (text.includes('count(*)::integer AS n') ? [{ n: 7 }] : []));
    const graph = new PostgresCitationGraph(db, policy());
    const page = await graph.traverse('W1', 'CITED_BY', 2, { sort: [], first: 5 }, 100);
    expect(statements).toHaveLength(1);
    expect([await page.totalCount(), await page.totalCountCapped()]).toEqual([7, false]);
    expect(statements).toHaveLength(2);
    expect(statements[1]?.params).toEqual(['W1', 101]);
  });

  it('rejects a cursor of another walk before running anything', async () => {
    // (A depth outside 1–3 cannot reach a backend: CitationDepth; the rule is tested once, in test/unit/src/core.)
    const { db, statements } = fakeDb(() => [{ id: 'W2', depth: 1, pred: 'W1', _k0: 1, _k1: 'W2' }, { id: 'W3', depth: 1, pred: 'W1', _k0: 1, _k1: 'W3' }]);
    const graph = new PostgresCitationGraph(db, policy());
    const page = await graph.traverse('W1', 'CITED_BY', 1, { sort: [], first: 1 }, 100);
    expect(page.edges.map((e) => e.node)).toEqual([{ citingId: 'W2', citedId: 'W1', depth: 1 }]);
    await expect(graph.traverse('W1', 'CITED_BY', 2, { sort: [], first: 1, after: page.edges[0]?.cursor }, 100)).rejects.toBeInstanceOf(InvalidCursorError);
    await expect(graph.traverse('W1', 'REFERENCES', 1, { sort: [], first: 1, after: page.edges[0]?.cursor }, 100)).rejects.toBeInstanceOf(InvalidCursorError);
    expect(statements).toHaveLength(1);
  });

  it('lists co-authors of many authors in one statement, grouped per author', async () => {
    const { db, statements } = fakeDb(() => [
      { _key: 'A2', author_id: 'A9', shared_works: 4 },
      { _key: 'A2', author_id: 'A3', shared_works: 1 },
    ]);
    const pages = await new PostgresCitationGraph(db, policy()).coauthors(['A1', 'A2', 'A1'], { first: 5, sort: [] });
    expect(pages.map((page) => page.edges.map((e) => e.node))).toEqual([
      [],
      [
        { authorId: 'A9', sharedWorks: 4 },
        { authorId: 'A3', sharedWorks: 1 },
      ],
      [],
    ]);
    expect(statements).toHaveLength(1);
    // The limit is first + 1: one more row says whether a next page follows.
    expect(statements[0]?.params).toEqual([['A1', 'A2'], 6]);
  });
});
