import type { CitationDirection, CitationEdgeRecord, CitationGraph, WalkPage } from '../../datasources/CitationGraph';
import type { CitationDepth } from '../../src/core/domain/citationDepth';
import { breadthFirstDepths } from '../support/breadthFirstDepths';
import { generateInMemory, type GeneratedCorpus } from '../support/generatedCorpus';
import { byteOrder } from '../support/sampleGroundTruth';

/** The generated hub-heavy corpus the bounded-walk contract runs on: small enough for CI, its hub's depth-2 walk past CAP. */
export const WALK_CORPUS = { works: 1000, seed: 7 } as const;

/** The cap the contract walks with: the hub's depth-2 neighbourhood is larger, so it is reached. */
const CAP = 100;

let corpus: GeneratedCorpus | undefined;

/** The corpus of WALK_CORPUS, generated once per test file (the caller loads it into the store behind its graph). */
export function walkCorpus(): GeneratedCorpus {
  corpus ??= generateInMemory(WALK_CORPUS.works, WALK_CORPUS.seed);
  return corpus;
}

/**
 * The contract of `CitationGraph.traverse` with a cap, on a generated corpus with a hub: ground truth is a plain
 * breadth-first search over the corpus's JSON lines (parsed here, not through the seed's mapping), cross-checked with
 * the generator's own truth (the hub and the number of its citers at each depth). Declared inside the caller's
 * describe, whose beforeAll loads walkCorpus() into the store behind `graph()`.
 */
export function boundedWalkContract(name: string, graph: () => CitationGraph): void {
  const truth = walkTruth(walkCorpus());

  describe(`bounded citation walks (${name}, ${WALK_CORPUS.works} generated works)`, () => {
    it('has the generator’s hub, with the citers at each depth the generator counted, and a depth-2 walk past the cap', () => {
      const { hub } = walkCorpus().truth;
      expect(truth.hub).toBe(hub.id);
      const levels = [1, 2, 3].map((d) => truth.bfs(hub.id, 'CITED_BY', 3).ordered.filter(([, depth]) => depth === d).length);
      expect(levels).toEqual(hub.citers.map((c) => c.count));
      expect(truth.bfs(hub.id, 'CITED_BY', 1).ordered.length).toBeLessThan(truth.bfs(hub.id, 'CITED_BY', 2).ordered.length);
      expect(truth.bfs(hub.id, 'CITED_BY', 2).ordered.length).toBeGreaterThan(CAP);
    });

    it('keeps the first `maxNodes` works in the order depth, id: exact totals below the cap, the cap and `capped` above it', async () => {
      let capped = 0;
      for (const { start, direction, depth } of truth.walks) {
        const expected = truth.bfs(start, direction, depth);
        for (const cap of [CAP, 1, expected.ordered.length, expected.ordered.length + 1]) {
          if (cap < 1) continue;
          const label = `${start} ${direction} ${depth} ≤${cap}`;
          const kept = expected.ordered.slice(0, cap);
          const page = await graph().traverse(start, direction, depth, { sort: [], first: 200 }, cap);
          const edges = page.edges.map((e) => e.node);
          expect({ label, reached: edges.map((e) => [truth.reachedOf(e, direction), e.depth]) }).toEqual({ label, reached: kept.slice(0, 200) });
          expect({ label, hasNext: page.hasNextPage }).toEqual({ label, hasNext: kept.length > 200 });
          expect({ label, total: await page.totalCount(), capped: await page.totalCountCapped() }).toEqual({
            label,
            total: kept.length,
            capped: expected.ordered.length > cap,
          });
          for (const edge of edges) {
            const reached = truth.reachedOf(edge, direction);
            const pred = direction === 'CITED_BY' ? edge.citedId : edge.citingId;
            expect({ label, edge, pred }).toEqual({ label, edge, pred: expected.smallestPredecessor(reached) });
          }
          if (expected.ordered.length > cap) capped++;
        }
      }
      expect(capped).toBeGreaterThan(0);
    });

    it('pages through the capped walk with cursors: the same works in the same order, the same total on every page', async () => {
      const hub = truth.hub;
      for (const depth of [2, 3] as const) {
        const expected = truth.bfs(hub, 'CITED_BY', depth).ordered.slice(0, CAP);
        const seen: [string, number][] = [];
        const pages: WalkPage[] = [];
        let after: string | undefined;
        for (let i = 0; i < 100; i++) {
          const page = await graph().traverse(hub, 'CITED_BY', depth, { sort: [], first: 30, after }, CAP);
          pages.push(page);
          seen.push(...page.edges.map((e): [string, number] => [e.node.citingId, e.node.depth]));
          if (!page.hasNextPage) break;
          after = page.edges.at(-1)?.cursor;
        }
        expect(seen).toEqual(expected);
        expect(pages).toHaveLength(Math.ceil(CAP / 30));
        for (const page of pages) expect([await page.totalCount(), await page.totalCountCapped()]).toEqual([CAP, true]);
      }
    });
  });
}

interface Bfs {
  /** [reached id, depth] by depth then id (byte order), the start excluded. */
  readonly ordered: [string, number][];
  smallestPredecessor(id: string): string | undefined;
}

/** The corpus's citation graph among its works, from the JSON lines, and textbook walks over it. */
function walkTruth(generated: GeneratedCorpus) {
  const short = (url: string) => url.slice(url.lastIndexOf('/') + 1);
  const works = generated.lines.map((line) => JSON.parse(line) as { id: string; referenced_works: string[] });
  const ids = new Set(works.map((w) => short(w.id)));
  const references = new Map<string, string[]>();
  const citers = new Map<string, string[]>();
  for (const w of works) {
    const id = short(w.id);
    const refs = [...new Set(w.referenced_works.map(short))].filter((r) => ids.has(r));
    references.set(id, refs);
    for (const r of refs) citers.set(r, [...(citers.get(r) ?? []), id]);
  }
  const neighbours = (id: string, direction: CitationDirection) => (direction === 'CITED_BY' ? citers.get(id) : references.get(id)) ?? [];

  const bfs = (start: string, direction: CitationDirection, maxDepth: number): Bfs => {
    const depthOf = breadthFirstDepths(start, (id) => neighbours(id, direction), maxDepth);
    const ordered = [...depthOf.entries()].filter(([id]) => id !== start).sort((a, b) => a[1] - b[1] || byteOrder(a[0], b[0]));
    const inverse: CitationDirection = direction === 'CITED_BY' ? 'REFERENCES' : 'CITED_BY';
    return {
      ordered,
      // Predecessors: the works one level up that `id` is a neighbour of (its neighbours the other way).
      smallestPredecessor: (id) => neighbours(id, inverse).filter((p) => depthOf.get(p) === (depthOf.get(id) as number) - 1).sort(byteOrder)[0],
    };
  };

  const mostCited = [...ids].sort((a, b) => (citers.get(b)?.length ?? 0) - (citers.get(a)?.length ?? 0) || byteOrder(a, b))[0] as string;
  const last = short(works.at(-1)?.id as string);
  const middle = short(works[Math.floor(works.length / 2)]?.id as string);
  const walks: { start: string; direction: CitationDirection; depth: CitationDepth }[] = [
    ...([1, 2, 3] as const).map((depth) => ({ start: mostCited, direction: 'CITED_BY' as const, depth })),
    ...([1, 2, 3] as const).map((depth) => ({ start: last, direction: 'REFERENCES' as const, depth })),
    { start: middle, direction: 'CITED_BY', depth: 3 },
    { start: middle, direction: 'REFERENCES', depth: 2 },
  ];
  return {
    hub: mostCited,
    bfs,
    walks,
    reachedOf: (e: CitationEdgeRecord, direction: CitationDirection) => (direction === 'CITED_BY' ? e.citingId : e.citedId),
  };
}
