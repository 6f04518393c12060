import { CountingSqlExecutor } from '../support/CountingSqlExecutor';
import { byteOrder, sampleGroundTruth, type TruthWork } from '../support/sampleGroundTruth';
import { startTestGateway, type TestGateway } from '../support/testGateway';

/*
 * A list page reads work summaries (no abstract, no reference or related id lists); a page that asks for those
 * fields still gets each work's own, from the work by id, in one more statement for the whole page. Ground truth:
 * the sample's JSON (sampleGroundTruth), not the gateway.
 */
const DETAILS = 'id abstract referencedWorkIds relatedWorkIds referencedWorkCount referencedWorks(first: 3) { id position }';

interface DetailNode {
  id: string;
  abstract: string | null;
  referencedWorkIds: string[];
  relatedWorkIds: string[];
  referencedWorkCount: number;
  referencedWorks: { id: string; position: number }[];
}

const mostCitedFirst = (a: TruthWork, b: TruthWork) => b.citedByCount - a.citedByCount || byteOrder(a.id, b.id);

function expected(work: TruthWork): DetailNode {
  return {
    id: work.id,
    abstract: work.abstract,
    referencedWorkIds: work.referencedWorkIds,
    relatedWorkIds: work.relatedWorkIds,
    referencedWorkCount: work.referencedWorkIds.length,
    referencedWorks: work.referencedWorkIds.slice(0, 3).map((id, i) => ({ id, position: i + 1 })),
  };
}

describe('work summaries of list pages (embedded)', () => {
  let gateway: TestGateway;
  let counter: CountingSqlExecutor | undefined;
  const works = [...sampleGroundTruth().works.values()];

  beforeAll(async () => {
    gateway = await startTestGateway({ RESPONSE_CACHE: 'off' }, { wrapSql: (sql) => (counter = new CountingSqlExecutor(sql)) });
  });
  afterAll(async () => {
    await gateway.stop();
  });

  async function statementsOf(query: string, variables: Record<string, unknown> = {}) {
    const c = counter as CountingSqlExecutor;
    c.statements.length = 0;
    const res = await gateway.gql<Record<string, unknown>>(query, variables);
    expect(res.errors).toBeUndefined();
    return { data: res.data, statements: [...c.statements] };
  }

  it("answers a works page's abstracts and id lists as the sample holds them", async () => {
    const { data } = await statementsOf(`{ works(first: 40, sort: [CITED_BY_COUNT_DESC]) { nodes { ${DETAILS} } } }`);
    const nodes = (data?.['works'] as { nodes: DetailNode[] }).nodes;
    expect(nodes).toEqual(works.sort(mostCitedFirst).slice(0, 40).map(expected));
    expect(nodes.some((n) => n.abstract !== null && n.referencedWorkIds.length > 0 && n.relatedWorkIds.length > 0)).toBe(true);
  });

  it("answers an author's works page the same way", async () => {
    const author = [...sampleGroundTruth().authors.values()][0]?.id as string;
    const { data } = await statementsOf(`query($id: ID!) { author(id: $id) { works(first: 30, sort: [CITED_BY_COUNT_DESC]) { nodes { ${DETAILS} } } } }`, { id: author });
    const nodes = (data?.['author'] as { works: { nodes: DetailNode[] } }).works.nodes;
    const owned = works.filter((w) => w.authorships.some((a) => a.authorId === author)).sort(mostCitedFirst);
    expect(owned.length).toBeGreaterThan(0);
    expect(nodes).toEqual(owned.slice(0, 30).map(expected));
  });

  it('reads the page without those columns, and the works asking for them in one statement for the whole page', async () => {
    // A page the cache has not seen: its works are not cached yet (a new sort order reaches other works first).
    const lean = await statementsOf('{ works(first: 25, sort: [TITLE_DESC]) { nodes { id title } } }');
    expect(lean.statements).toHaveLength(1);
    expect(lean.statements[0]).not.toMatch(/abstract|referenced_work_ids|related_work_ids/);
    const detailed = await statementsOf(`{ works(first: 25, sort: [TITLE_DESC]) { nodes { id title ${DETAILS} } } }`);
    expect(detailed.statements).toHaveLength(2);
    expect(detailed.statements[1]).toMatch(/w\.abstract[\s\S]*FROM works w WHERE w\.id = ANY/);
    // Now cached: the same page with its details costs the page alone.
    const again = await statementsOf(`{ works(first: 25, sort: [TITLE_DESC]) { nodes { id title ${DETAILS} } } }`);
    expect(again.statements).toHaveLength(1);
  });
});
