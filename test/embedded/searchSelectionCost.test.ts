import type { FacetBucketRecord } from '../../datasources/SearchIndex';
import { multiSelectFacets, satisfies } from '../contract/searchIndexContract';
import { CountingSqlExecutor } from '../support/CountingSqlExecutor';
import { byteOrder, sampleGroundTruth } from '../support/sampleGroundTruth';
import { startTestGateway, type TestGateway } from '../support/testGateway';

/**
 * A search sends only the statements its selection reads: the page statement for edges/nodes/pageInfo, the count
 * statement for totalCount and facets (holding only the facets selected), none for a group-by alone. Each answer is
 * checked against counts made from the sample's JSON, so skipping work never changes what a selection answers.
 */
describe('statements a searchWorks selection costs (embedded)', () => {
  const FILTER = { isOpenAccess: true };
  let gateway: TestGateway;
  let counter: CountingSqlExecutor;

  beforeAll(async () => {
    gateway = await startTestGateway({}, { wrapSql: (sql) => (counter = new CountingSqlExecutor(sql)) });
  });
  afterAll(() => gateway?.stop());

  const works = () => [...sampleGroundTruth().works.values()];
  const matches = () => works().filter((w) => satisfies(w, FILTER));
  const facets = () => multiSelectFacets(works(), FILTER);

  /** The search statements `selection` sends, by kind (the catalog's loads of nodes and topic names are not counted). */
  async function run<T>(selection: string): Promise<{ data: T; page: string[]; counts: string[]; groupBy: string[] }> {
    counter.statements.length = 0;
    const res = await gateway.gql<{ searchWorks: T }>(`query($filter: WorkFilter) { searchWorks(filter: $filter, first: 5) { ${selection} } }`, { filter: FILTER });
    expect(res.errors).toBeUndefined();
    const statements = [...counter.statements];
    return {
      data: res.data?.searchWorks as T,
      page: statements.filter((s) => /\bpage AS \(/.test(s)),
      counts: statements.filter((s) => s.includes("SELECT 'total' AS facet")),
      groupBy: statements.filter((s) => s.includes("SELECT 'total' AS kind")),
    };
  }

  const years = () => {
    const n = new Map<number, number>();
    for (const w of matches()) if (w.publicationYear != null) n.set(w.publicationYear, (n.get(w.publicationYear) ?? 0) + 1);
    return [...n].sort((a, b) => b[1] - a[1] || a[0] - b[0]).map(([year, count]) => ({ key: String(year), count }));
  };
  const mostCited = () =>
    matches()
      .sort((a, b) => b.citedByCount - a.citedByCount || byteOrder(a.id, b.id))
      .slice(0, 5)
      .map((w) => w.id);
  const typed = (buckets: readonly FacetBucketRecord[]) => buckets.map((b) => ({ type: b.value, count: b.count }));
  const topics = (buckets: readonly FacetBucketRecord[]) => buckets.map((b) => ({ topicId: b.value, count: b.count }));

  it('(a) totalCount alone: one count, no facet, no page', async () => {
    const r = await run<{ totalCount: number }>('totalCount');
    expect(r.data.totalCount).toBe(matches().length);
    expect(r.page).toHaveLength(0);
    expect(r.counts).toHaveLength(1);
    expect(r.counts[0]).not.toMatch(/'year'|'type'|'oa'|'topic'|work_topics/);
    expect(r.groupBy).toHaveLength(0);
  });

  it('(b) groupBy alone: the group-by statement, no search statement', async () => {
    const r = await run<{ groupBy: { totalCount: number; groups: { key: string; count: number }[] } }>('groupBy(field: YEAR, first: 200) { totalCount groups { key count } }');
    expect(r.data.groupBy).toEqual({ totalCount: matches().length, groups: years() });
    expect(r.page).toHaveLength(0);
    expect(r.counts).toHaveLength(0);
    expect(r.groupBy).toHaveLength(1);
  });

  it('(c) facets alone: one count holding the selected facets only, no page; only a selected topic facet joins work_topics', async () => {
    const typeOnly = await run<{ facets: { type: unknown } }>('facets { type { type count } }');
    expect(typeOnly.data.facets).toEqual({ type: typed(facets().type) });
    expect(typeOnly.page).toHaveLength(0);
    expect(typeOnly.counts).toHaveLength(1);
    expect(typeOnly.counts[0]).toMatch(/'type'/);
    expect(typeOnly.counts[0]).not.toMatch(/'year'|'oa'|'topic'|work_topics/);

    const withTopics = await run<{ facets: { type: unknown; topic: unknown } }>('facets { ... on WorkSearchFacets { topic { topicId count } } type { type count } }');
    expect(withTopics.data.facets).toEqual({ type: typed(facets().type), topic: topics(facets().topic) });
    expect(withTopics.counts).toHaveLength(1);
    expect(withTopics.counts[0]).toMatch(/work_topics/);
    expect(withTopics.page).toHaveLength(0);
  });

  it('(d) everything: the page and one count with every facet, beside the group-by', async () => {
    const r = await run<{ totalCount: number; nodes: { id: string }[]; pageInfo: { hasNextPage: boolean }; facets: Record<string, unknown[]>; groupBy: { groups: unknown[] } }>(`
      totalCount nodes { id } pageInfo { hasNextPage }
      facets { publicationYear { year count } type { type count } isOpenAccess { isOpenAccess count } topic { topicId count } }
      groupBy(field: YEAR, first: 200) { groups { key count } }`);
    expect(r.data.totalCount).toBe(matches().length);
    expect(r.data.nodes.map((n) => n.id)).toEqual(mostCited());
    expect(r.data.pageInfo.hasNextPage).toBe(matches().length > 5);
    expect(r.data.facets).toEqual({
      publicationYear: facets().publicationYear.map((b) => ({ year: Number(b.value), count: b.count })),
      type: typed(facets().type),
      isOpenAccess: facets().isOpenAccess.map((b) => ({ isOpenAccess: b.value === 'true', count: b.count })),
      topic: topics(facets().topic),
    });
    expect(r.data.groupBy.groups).toEqual(years());
    expect(r.page).toHaveLength(1);
    expect(r.counts).toHaveLength(1);
    expect(r.counts[0]).toMatch(/'year'[\s\S]*'type'[\s\S]*'oa'[\s\S]*'topic'/);
    expect(r.groupBy).toHaveLength(1);
  });

  it('the page alone (nodes) sends the page statement and no count', async () => {
    const r = await run<{ nodes: { id: string }[] }>('nodes { id }');
    expect(r.data.nodes.map((n) => n.id)).toEqual(mostCited());
    expect(r.page).toHaveLength(1);
    expect(r.counts).toHaveLength(0);
  });
});
