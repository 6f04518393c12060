import { byteOrder, sampleGroundTruth, type TruthWork } from './sampleGroundTruth';
import { subgraphTruth } from './subgraphTruth';
import type { TestGateway } from './testGateway';

interface WorkPageNode {
  id: string;
  oaStatus: string | null;
  oaUrl: string | null;
  relatedWorkIds: string[];
  relatedWorks: { id: string }[];
  unloadedRelatedWorkIds: string[];
  referencedWorkCount: number;
}

interface SubgraphAnswer {
  nodes: { id: string; title: string | null; publicationYear: number | null; citedByCount: number; depth: number }[];
  edges: { citingId: string; citedId: string }[];
  totalNodes: number;
  capped: boolean;
}

const SUBGRAPH = `query($w: ID!, $d: CitationGraphDirection, $depth: Int, $n: Int) {
  citationSubgraph(workId: $w, direction: $d, depth: $depth, maxNodes: $n) {
    nodes { id title publicationYear citedByCount depth } edges { citingId citedId } totalNodes capped
  }
}`;

/**
 * What a work page and a graph view read, through the real HTTP server, against the sample JSON (data/sample via
 * sampleGroundTruth, plain JSON.parse): open-access status and URL, related works loaded or not, every reference
 * marked loaded or not, and citation subgraphs with every citation among their works. Declared inside the caller's
 * describe, whose gateway serves the whole sample.
 */
export function workPageSuite(gateway: () => TestGateway): void {
  const { works } = sampleGroundTruth();
  const truth = subgraphTruth(works);
  const all = [...works.values()].sort((a, b) => byteOrder(a.id, b.id));
  const loaded = (id: string) => works.has(id);

  describe('work page data and citation subgraphs (sample JSON ground truth)', () => {
    it('gives every work its OpenAlex OA status and best OA URL, and its related works split into loaded and not loaded', async () => {
      const seen = new Map<string, WorkPageNode>();
      let after: string | null = null;
      do {
        const res: Awaited<ReturnType<typeof page>> = await page(after);
        expect(res.errors).toBeUndefined();
        for (const node of res.data?.works.nodes ?? []) seen.set(node.id, node);
        after = res.data?.works.pageInfo.hasNextPage ? res.data.works.pageInfo.endCursor : null;
      } while (after !== null);
      expect(seen.size).toBe(works.size);
      for (const w of all) {
        expect(seen.get(w.id)).toEqual({
          id: w.id,
          oaStatus: w.oaStatus === null ? null : w.oaStatus.toUpperCase(),
          oaUrl: w.oaUrl,
          relatedWorkIds: w.relatedWorkIds,
          relatedWorks: w.relatedWorkIds.filter(loaded).map((id) => ({ id })),
          unloadedRelatedWorkIds: w.relatedWorkIds.filter((id) => !loaded(id)),
          referencedWorkCount: w.referencedWorkIds.length,
        });
      }
      // The sample makes each case real: statuses besides closed, related works loaded here and not.
      expect(new Set(all.map((w) => w.oaStatus)).size).toBeGreaterThan(3);
      expect(all.some((w) => w.relatedWorkIds.some(loaded))).toBe(true);
      expect(all.some((w) => w.relatedWorkIds.some((id) => !loaded(id)))).toBe(true);
    });

    it('lists every reference in OpenAlex order, each marked loaded (with its work) or not (its id only)', async () => {
      const mostReferencing = [...all].sort((a, b) => b.referencedWorkIds.length - a.referencedWorkIds.length || byteOrder(a.id, b.id)).slice(0, 3);
      const noReferences = all.find((w) => w.referencedWorkIds.length === 0);
      for (const w of [...mostReferencing, ...(noReferences ? [noReferences] : [])]) {
        const res = await gateway().gql<{ work: { referencedWorks: unknown[]; firstTwo: unknown[]; referencedWorkIds: string[] } }>(
          `query($w: ID!) { work(id: $w) {
            referencedWorkIds
            referencedWorks(first: 5000) { id position loaded work { id } }
            firstTwo: referencedWorks(first: 2) { id }
          } }`,
          { w: w.id },
        );
        expect(res.errors).toBeUndefined();
        expect({ id: w.id, refs: res.data?.work.referencedWorks }).toEqual({ id: w.id, refs: w.referencedWorkIds.map((id, i) => expectedReference(id, i)) });
        expect(res.data?.work.firstTwo).toEqual(w.referencedWorkIds.slice(0, 2).map((id) => ({ id })));
        expect(res.data?.work.referencedWorkIds).toEqual(w.referencedWorkIds);
      }
      expect(mostReferencing.some((w) => w.referencedWorkIds.some((id) => !loaded(id)))).toBe(true);
    });

    it('draws a subgraph in one request: labelled nodes in the cap’s order, every citation among them, the cap reported', async () => {
      const hub = hubOf(all, works);
      let beyondTree = false;
      for (const direction of ['CITED_BY', 'REFERENCES', 'BOTH'] as const) {
        for (const depth of [1, 2]) {
          for (const maxNodes of [100, 50, 10]) {
            const label = `${hub} ${direction} ${depth} ≤${maxNodes}`;
            const whole = truth.neighbourhood(hub, direction, depth);
            const kept = whole.slice(0, maxNodes);
            const res = await gateway().gql<{ citationSubgraph: SubgraphAnswer }>(SUBGRAPH, { w: hub, d: direction, depth, n: maxNodes });
            expect({ label, errors: res.errors }).toEqual({ label, errors: undefined });
            const graph = res.data?.citationSubgraph as SubgraphAnswer;
            expect({ label, nodes: graph.nodes }).toEqual({
              label,
              nodes: kept.map((n) => {
                const w = works.get(n.id) as TruthWork;
                return { id: n.id, title: w.title, publicationYear: w.publicationYear, citedByCount: w.citedByCount, depth: n.depth };
              }),
            });
            expect({ label, edges: graph.edges }).toEqual({ label, edges: truth.citationsAmong(kept.map((n) => n.id)) });
            expect({ label, totalNodes: graph.totalNodes, capped: graph.capped }).toEqual({ label, totalNodes: whole.length, capped: whole.length > maxNodes });
            expect(graph.edges.length).toBeLessThanOrEqual(maxNodes * maxNodes);
            if (graph.edges.length > graph.nodes.length - 1) beyondTree = true;
          }
        }
      }
      expect(beyondTree).toBe(true);
    });

    it('defaults to both directions, depth 1 and 50 works, and answers an empty graph for an unknown work', async () => {
      const hub = hubOf(all, works);
      const res = await gateway().gql<{ citationSubgraph: SubgraphAnswer }>(SUBGRAPH, { w: `https://openalex.org/${hub.toLowerCase()}` });
      expect(res.errors).toBeUndefined();
      const kept = truth.neighbourhood(hub, 'BOTH', 1).slice(0, 50);
      expect(res.data?.citationSubgraph.nodes.map((n) => [n.id, n.depth])).toEqual(kept.map((n) => [n.id, n.depth]));
      const unknown = await gateway().gql<{ citationSubgraph: SubgraphAnswer }>(SUBGRAPH, { w: 'W1' });
      expect(unknown.data?.citationSubgraph).toEqual({ nodes: [], edges: [], totalNodes: 0, capped: false });
    });

    it('refuses a depth other than 1 or 2, maxNodes outside 1–100 and a bad id with BAD_USER_INPUT naming the argument', async () => {
      const hub = hubOf(all, works);
      for (const [variables, argument] of [
        [{ w: hub, depth: 3 }, 'depth'],
        [{ w: hub, depth: 0 }, 'depth'],
        [{ w: hub, n: 0 }, 'maxNodes'],
        [{ w: hub, n: 101 }, 'maxNodes'],
        [{ w: 'A5087940859' }, 'workId'],
      ] as const) {
        const res = await gateway().gql(SUBGRAPH, variables);
        expect({ variables, data: res.data?.['citationSubgraph'] ?? null, extensions: res.errors?.[0]?.extensions }).toEqual({
          variables,
          data: null,
          extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', argument }),
        });
      }
    });
  });

  function page(after: string | null) {
    return gateway().gql<{ works: { nodes: WorkPageNode[]; pageInfo: { hasNextPage: boolean; endCursor: string } } }>(
      `query($after: String) { works(first: 200, after: $after) {
        nodes { id oaStatus oaUrl relatedWorkIds relatedWorks { id } unloadedRelatedWorkIds referencedWorkCount }
        pageInfo { hasNextPage endCursor }
      } }`,
      { after },
    );
  }

  function expectedReference(id: string, i: number) {
    return { id, position: i + 1, loaded: loaded(id), work: loaded(id) ? { id } : null };
  }
}

/** The work with the most loaded citers (then id): the widest neighbourhood of the sample. */
function hubOf(all: readonly TruthWork[], works: ReadonlyMap<string, TruthWork>): string {
  const citers = (id: string) => all.filter((w) => w.referencedWorkIds.includes(id)).length;
  return [...works.keys()].sort((a, b) => citers(b) - citers(a) || byteOrder(a, b))[0] as string;
}
