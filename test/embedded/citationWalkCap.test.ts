import { ConfigError, loadConfig } from '../../src/config';
import { byteOrder, sampleGroundTruth } from '../support/sampleGroundTruth';
import { startTestGateway, type TestGateway } from '../support/testGateway';

const CAP = 3;

/** The sample's citing works of `hub` at depth 1 and 2, each at its shortest depth, by depth then id: a plain BFS over the JSON. */
function citersByDepth(hub: string): [string, number][] {
  const { works } = sampleGroundTruth();
  const citers = (id: string) => [...works.values()].filter((w) => w.referencedWorkIds.includes(id)).map((w) => w.id);
  const depthOf = new Map([[hub, 0]]);
  let frontier = [hub];
  for (let depth = 1; depth <= 2; depth++) {
    frontier = frontier.flatMap(citers).filter((id) => !depthOf.has(id) && depthOf.set(id, depth));
  }
  return [...depthOf].filter(([id]) => id !== hub).sort((a, b) => a[1] - b[1] || byteOrder(a[0], b[0]));
}

interface Walk {
  citations: { totalCount: number; totalCountCapped: boolean; nodes: { citing: { id: string }; depth: number }[] };
}

const QUERY = `query($w: ID!) { citations(workId: $w, depth: 2, first: 200) { totalCount totalCountCapped nodes { citing { id } depth } } }`;

describe(`citations through the gateway with CITATION_WALK_MAX_NODES=${CAP} (embedded, the sample)`, () => {
  let capped: TestGateway;
  let wide: TestGateway;
  const { works } = sampleGroundTruth();
  const hub = [...works.keys()].sort((a, b) => citersByDepth(b).length - citersByDepth(a).length || byteOrder(a, b))[0] as string;

  beforeAll(async () => {
    capped = await startTestGateway({ CITATION_WALK_MAX_NODES: String(CAP) });
    wide = await startTestGateway();
  });
  afterAll(async () => {
    await capped?.stop();
    await wide?.stop();
  });

  it('answers the first works of the walk by depth then id, the cap as totalCount, and totalCountCapped', async () => {
    const expected = citersByDepth(hub);
    expect(expected.length).toBeGreaterThan(CAP);
    const res = await capped.gql<Walk>(QUERY, { w: hub });
    expect(res.errors).toBeUndefined();
    expect(res.data?.citations.nodes.map((n) => [n.citing.id, n.depth])).toEqual(expected.slice(0, CAP));
    expect([res.data?.citations.totalCount, res.data?.citations.totalCountCapped]).toEqual([CAP, true]);
  });

  it('is exact and not capped under the default cap', async () => {
    const res = await wide.gql<Walk>(QUERY, { w: hub });
    expect(res.errors).toBeUndefined();
    expect(res.data?.citations.nodes.map((n) => [n.citing.id, n.depth])).toEqual(citersByDepth(hub));
    expect([res.data?.citations.totalCount, res.data?.citations.totalCountCapped]).toEqual([citersByDepth(hub).length, false]);
  });

  it('refuses a cap outside 1–100000 at start', () => {
    for (const value of ['0', '-1', '100001', 'many']) expect(() => loadConfig({ CITATION_WALK_MAX_NODES: value })).toThrow(ConfigError);
    expect(loadConfig({}).citationWalkMaxNodes).toBe(10_000);
  });
});
