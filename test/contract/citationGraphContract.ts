import type { CitationDirection, CitationEdgeRecord, CitationGraph, CoauthorRecord } from '../../datasources/CitationGraph';
import type { Page, WorkSortKey } from '../../datasources/types';
import { InvalidCursorError } from '../../src/core/errors';
import { breadthFirstDepths } from '../support/breadthFirstDepths';
import { byteOrder, namedAuthorIds, sampleGroundTruth, statedSampleCount, type TruthWork } from '../support/sampleGroundTruth';
import { cursorRefusalOf } from '../support/cursorRefusal';
import { subgraphTruth } from '../support/subgraphTruth';

/**
 * The contract every `CitationGraph` meets, checked against ground truth computed from data/sample's JSON
 * (`sampleGroundTruth`, plain JSON.parse) — never against the code's own output. Declared inside the caller's
 * describe, whose beforeAll loads the whole sample into the store behind `graph()`.
 */
/** A walk cap larger than any neighbourhood of the sample: the sample's walks are never capped. */
const WIDE = 10_000;

export function citationGraphContract(name: string, graph: () => CitationGraph): void {
  const truth = buildTruth();

  describe(`CitationGraph contract (${name})`, () => {
    it('counts, for every loaded work in one call, the loaded works citing it and its loaded references', async () => {
      const ids = [...truth.works.keys()];
      expect(ids).toHaveLength(statedSampleCount('Unique works'));
      expect(await graph().countCitedBy(ids)).toEqual(ids.map((id) => truth.citers(id).length));
      expect(await graph().countReferences(ids)).toEqual(ids.map((id) => truth.references(id).length));
    });

    it('aligns counts with the keys: any order, duplicates, an unknown id and a referenced-but-not-loaded id count 0', async () => {
      const ids = [...shuffled([...truth.works.keys()], 7), 'W1', truth.mostCitedInGraph, truth.notLoadedReference];
      const citedBy = await graph().countCitedBy(ids);
      const references = await graph().countReferences(ids);
      expect(citedBy).toEqual(ids.map((id) => (truth.works.has(id) ? truth.citers(id).length : 0)));
      expect(references).toEqual(ids.map((id) => (truth.works.has(id) ? truth.references(id).length : 0)));
      expect(citedBy.at(-1)).toBe(0);
      expect(await graph().countCitedBy([])).toEqual([]);
    });

    it('pages the citing works of every work in one call, most cited first then id, with totals', async () => {
      const ids = [...truth.works.keys()];
      const pages = await graph().citedBy(ids, { sort: ['CITED_BY_COUNT_DESC'], first: 200 });
      expect(pages).toHaveLength(ids.length);
      for (const [i, id] of ids.entries()) {
        const page = pages[i] as Page<string>;
        expect({ id, nodes: page.edges.map((e) => e.node) }).toEqual({ id, nodes: truth.citedByIn(id, ['CITED_BY_COUNT_DESC']) });
        expect(page.hasNextPage).toBe(false);
      }
      const totals = await Promise.all(pages.map((p) => p.totalCount()));
      expect(totals).toEqual(ids.map((id) => truth.citers(id).length));
    });

    it('walks citing works to the end in small pages: same sequence, no duplicates, for each sort key', async () => {
      const sorts: WorkSortKey[][] = [
        ['CITED_BY_COUNT_DESC'],
        ['CITED_BY_COUNT_ASC'],
        ['PUBLICATION_DATE_DESC'],
        ['PUBLICATION_DATE_ASC', 'CITED_BY_COUNT_DESC'],
        ['TITLE_ASC'],
        ['TITLE_DESC'],
        [],
      ];
      for (const id of truth.startWorks) {
        for (const sort of sorts) {
          const walked = await walkPages((after) => graph().citedBy([id], { sort, first: 4, after }).then((p) => p[0] as Page<string>));
          expect(new Set(walked.nodes).size).toBe(walked.nodes.length);
          expect(walked.totals.every((t) => t === truth.citers(id).length)).toBe(true);
          if (sort.some((s) => s.startsWith('TITLE'))) {
            // Titles are compared lower-cased by the store (locale rules for non-ASCII letters differ between
            // stores), so only the set and the page-by-page consistency are checked here.
            expect([...walked.nodes].sort(byteOrder)).toEqual([...truth.citers(id)].sort(byteOrder));
            const [single] = await graph().citedBy([id], { sort, first: 200 });
            expect(walked.nodes).toEqual(single?.edges.map((e) => e.node));
          } else {
            expect({ id, sort, nodes: walked.nodes }).toEqual({ id, sort, nodes: truth.citedByIn(id, sort) });
          }
        }
      }
    });

    it('pages the loaded references of every work in one call, in the order the work cites them', async () => {
      const ids = [...truth.works.keys()];
      const pages = await graph().references(ids, { sort: [], first: 200 });
      for (const [i, id] of ids.entries()) {
        expect({ id, nodes: pages[i]?.edges.map((e) => e.node) }).toEqual({ id, nodes: truth.references(id) });
      }
      expect(await Promise.all(pages.map((p) => p.totalCount()))).toEqual(ids.map((id) => truth.references(id).length));
      for (const id of truth.startWorks) {
        const walked = await walkPages((after) => graph().references([id], { sort: [], first: 3, after }).then((p) => p[0] as Page<string>));
        expect({ id, nodes: walked.nodes }).toEqual({ id, nodes: truth.references(id) });
      }
    });

    it('answers an empty page for unknown works and rejects a cursor made for another order', async () => {
      const [unknown] = await graph().citedBy(['W1'], { sort: ['CITED_BY_COUNT_DESC'], first: 5 });
      expect(unknown?.edges).toEqual([]);
      expect(await unknown?.totalCount()).toBe(0);
      const [page] = await graph().citedBy([truth.mostCitedInGraph], { sort: ['CITED_BY_COUNT_DESC'], first: 2 });
      const cursor = page?.edges.at(-1)?.cursor as string;
      await expect(graph().citedBy([truth.mostCitedInGraph], { sort: ['TITLE_ASC'], first: 2, after: cursor })).rejects.toBeInstanceOf(InvalidCursorError);
      await expect(graph().references([truth.mostCitedInGraph], { sort: [], first: 2, after: cursor })).rejects.toBeInstanceOf(InvalidCursorError);
      await expect(graph().citedBy([truth.mostCitedInGraph], { sort: [], first: 2, after: 'not a cursor' })).rejects.toBeInstanceOf(InvalidCursorError);
    });

    it('rejects its own cursors tampered with: integers past 32 bits, text no store holds', async () => {
      const tamper = (cursor: string, values: unknown[]) => {
        const payload = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { s: string };
        return Buffer.from(JSON.stringify({ ...payload, v: values })).toString('base64url');
      };
      const [cited] = await graph().citedBy([truth.mostCitedInGraph], { sort: ['CITED_BY_COUNT_DESC'], first: 2 });
      const citedCursor = cited?.edges.at(-1)?.cursor as string;
      for (const values of [[2147483648, 'W1'], [-2147483649, 'W1'], [5, 'W1\u0000'], [5, 'W1\uD800']]) {
        await cursorRefusalOf(graph().citedBy([truth.mostCitedInGraph], { sort: ['CITED_BY_COUNT_DESC'], first: 2, after: tamper(citedCursor, values) }));
      }
      const [refs] = await graph().references([truth.startWorks[0] as string], { sort: [], first: 1 });
      const refCursor = refs?.edges.at(-1)?.cursor as string;
      await expect(graph().references([truth.startWorks[0] as string], { sort: [], first: 1, after: tamper(refCursor, [2 ** 31]) })).rejects.toBeInstanceOf(InvalidCursorError);
      const walk = await graph().traverse(truth.mostCitedInGraph, 'CITED_BY', 2, { sort: [], first: 1 }, WIDE);
      const walkCursor = walk.edges.at(-1)?.cursor as string;
      await expect(graph().traverse(truth.mostCitedInGraph, 'CITED_BY', 2, { sort: [], first: 1, after: tamper(walkCursor, [2 ** 32, 'W1']) }, WIDE)).rejects.toBeInstanceOf(InvalidCursorError);
    });

    it('walks breadth-first to depth 1, 2 and 3 both ways: each work once at its shortest depth, smallest predecessor', async () => {
      for (const start of truth.startWorks) {
        for (const direction of ['CITED_BY', 'REFERENCES'] as const) {
          for (const depth of [1, 2, 3] as const) {
            const label = `${start} ${direction} ${depth}`;
            const expected = truth.bfs(start, direction, depth);
            const page = await graph().traverse(start, direction, depth, { sort: [], first: 200 }, WIDE);
            const edges = page.edges.map((e) => e.node);
            expect(page.hasNextPage).toBe(false);
            expect(await page.totalCount()).toBe(expected.size);
            expect(await page.totalCountCapped()).toBe(false);
            const reachedOf = (e: CitationEdgeRecord) => (direction === 'CITED_BY' ? e.citingId : e.citedId);
            const predOf = (e: CitationEdgeRecord) => (direction === 'CITED_BY' ? e.citedId : e.citingId);
            expect({ label, reached: edges.map((e) => [reachedOf(e), e.depth]) }).toEqual({ label, reached: expected.ordered });
            for (const edge of edges) {
              expect({ label, edge, real: truth.cites(edge.citingId, edge.citedId) }).toEqual({ label, edge, real: true });
              expect({ label, edge, pred: predOf(edge) }).toEqual({ label, edge, pred: expected.smallestPredecessor(reachedOf(edge)) });
            }
            const walked = await walkPages((after) => graph().traverse(start, direction, depth, { sort: [], first: 7, after }, WIDE));
            expect({ label, nodes: walked.nodes }).toEqual({ label, nodes: edges });
            expect(walked.totals.every((t) => t === expected.size)).toBe(true);
          }
        }
      }
    });

    it('walks nothing from an unknown or not-loaded work, and rejects a cursor of another walk', async () => {
      for (const start of ['W1', truth.notLoadedReference]) {
        for (const direction of ['CITED_BY', 'REFERENCES'] as const) {
          const page = await graph().traverse(start, direction, 3, { sort: [], first: 10 }, WIDE);
          expect(page.edges).toEqual([]);
          expect(await page.totalCount()).toBe(0);
        }
      }
      const page = await graph().traverse(truth.mostCitedInGraph, 'CITED_BY', 2, { sort: [], first: 2 }, WIDE);
      const cursor = page.edges.at(-1)?.cursor as string;
      await expect(graph().traverse(truth.mostCitedInGraph, 'REFERENCES', 2, { sort: [], first: 2, after: cursor }, WIDE)).rejects.toBeInstanceOf(InvalidCursorError);
      await expect(graph().traverse(truth.mostCitedInGraph, 'CITED_BY', 3, { sort: [], first: 2, after: cursor }, WIDE)).rejects.toBeInstanceOf(InvalidCursorError);
    });

    it('answers a subgraph: the neighbourhood at shortest depths, cut by depth, cited-by count then id, and every citation among its works', async () => {
      let beyondTree = 0;
      let capped = 0;
      for (const start of truth.startWorks) {
        for (const direction of ['CITED_BY', 'REFERENCES', 'BOTH'] as const) {
          for (const depth of [1, 2] as const) {
            const whole = truth.neighbourhood(start, direction, depth);
            for (const maxNodes of [1000, 12, 1]) {
              const label = `${start} ${direction} ${depth} ≤${maxNodes}`;
              const kept = whole.slice(0, maxNodes);
              const answer = await graph().subgraph(start, direction, depth, maxNodes);
              expect({ label, nodes: answer.nodes }).toEqual({ label, nodes: kept });
              expect({ label, total: answer.totalNodes }).toEqual({ label, total: whole.length });
              expect({ label, edges: answer.edges }).toEqual({ label, edges: truth.citationsAmong(kept.map((n) => n.id)) });
              if (answer.edges.length > answer.nodes.length - 1) beyondTree++;
              if (answer.totalNodes > answer.nodes.length) capped++;
            }
          }
        }
      }
      // The sample makes both cases real: more edges than a spanning tree has, and neighbourhoods past the cap.
      expect(beyondTree).toBeGreaterThan(0);
      expect(capped).toBeGreaterThan(0);
    });

    it('answers an empty subgraph for an unknown or not-loaded work', async () => {
      for (const start of ['W1', truth.notLoadedReference]) {
        for (const direction of ['CITED_BY', 'REFERENCES', 'BOTH'] as const) {
          expect(await graph().subgraph(start, direction, 2, 50)).toEqual({ nodes: [], edges: [], totalNodes: 0 });
        }
      }
    });

    it('lists the co-authors of the sample authors in one call: shared loaded works, most first then id, `first` honoured', async () => {
      const authors = [...truth.authorIds, 'A1'];
      const full = await graph().coauthors(authors, { first: 200, sort: [] });
      expect(full.map((page) => page.edges.map((e) => e.node))).toEqual(authors.map((a) => truth.coauthors(a)));
      expect(await Promise.all(full.map((page) => page.totalCount()))).toEqual(authors.map((a) => truth.coauthors(a).length));
      expect(full.at(-1)?.edges).toEqual([]);
      const top3 = await graph().coauthors(authors, { first: 3, sort: [] });
      expect(top3.map((page) => page.edges.map((e) => e.node))).toEqual(authors.map((a) => truth.coauthors(a).slice(0, 3)));
      expect(top3.map((page) => page.hasNextPage)).toEqual(authors.map((a) => truth.coauthors(a).length > 3));
    });

    it('pages co-authors with cursors: every co-author once, in order, with the same total on every page', async () => {
      for (const author of truth.authorIds) {
        const { nodes, totals } = await walkPages(async (after) => (await graph().coauthors([author], { first: 4, sort: [], after }))[0] as Page<CoauthorRecord>);
        expect(nodes).toEqual(truth.coauthors(author));
        expect(new Set(totals)).toEqual(new Set([truth.coauthors(author).length]));
      }
      const [page] = await graph().coauthors([truth.authorIds[0] as string], { first: 2, sort: [] });
      const cursor = page?.edges.at(-1)?.cursor as string;
      await expect(graph().citedBy([truth.mostCitedInGraph], { sort: [], first: 2, after: cursor })).rejects.toBeInstanceOf(InvalidCursorError);
    });
  });
}

/** Walks a paged answer to its end through `fetch(after)`; returns the nodes in order and every page's total. */
async function walkPages<T>(fetch: (after: string | undefined) => Promise<Page<T>>): Promise<{ nodes: T[]; totals: number[] }> {
  const nodes: T[] = [];
  const totals: number[] = [];
  let after: string | undefined;
  for (let i = 0; i < 200; i++) {
    const page = await fetch(after);
    nodes.push(...page.edges.map((e) => e.node));
    totals.push(await page.totalCount());
    if (!page.hasNextPage) return { nodes, totals };
    expect(page.edges.length).toBeGreaterThan(0);
    after = page.edges.at(-1)?.cursor;
  }
  throw new Error('paging did not end within 200 pages');
}

/** A deterministic shuffle (a small LCG), so a failing order can be reproduced. */
function shuffled<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let state = seed;
  for (let i = out.length - 1; i > 0; i--) {
    state = (state * 1103515245 + 12345) % 2147483648;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

interface Bfs {
  readonly size: number;
  /** [reached id, depth] ordered by depth then id (byte order). */
  readonly ordered: [string, number][];
  smallestPredecessor(id: string): string | undefined;
}

/** The citation graph of the sample among loaded works, from the source JSON. */
function buildTruth() {
  const { works, authors } = sampleGroundTruth();
  const citersOf = new Map<string, string[]>();
  for (const w of works.values()) {
    for (const ref of w.referencedWorkIds) {
      if (works.has(ref)) citersOf.set(ref, [...(citersOf.get(ref) ?? []), w.id]);
    }
  }
  const citers = (id: string) => citersOf.get(id) ?? [];
  const references = (id: string) => (works.get(id)?.referencedWorkIds ?? []).filter((ref) => works.has(ref));
  const cites = (citing: string, cited: string) => works.has(citing) && works.has(cited) && references(citing).includes(cited);
  const neighbours = (id: string, direction: CitationDirection) => (direction === 'CITED_BY' ? citers(id) : references(id));

  const sortValue = (w: TruthWork, key: WorkSortKey): number | string => {
    switch (key) {
      case 'CITED_BY_COUNT_DESC':
      case 'CITED_BY_COUNT_ASC':
        return w.citedByCount;
      case 'PUBLICATION_DATE_DESC':
      case 'PUBLICATION_DATE_ASC':
        return w.publicationDate ?? '0001-01-01';
      default:
        throw new Error(`no truth order for ${key}`);
    }
  };
  const citedByIn = (id: string, sort: readonly WorkSortKey[]) =>
    citers(id)
      .map((c) => works.get(c) as TruthWork)
      .sort((a, b) => {
        for (const key of sort) {
          const [x, y] = [sortValue(a, key), sortValue(b, key)];
          const cmp = typeof x === 'number' && typeof y === 'number' ? x - y : byteOrder(String(x), String(y));
          if (cmp !== 0) return key.endsWith('_DESC') ? -cmp : cmp;
        }
        return byteOrder(a.id, b.id);
      })
      .map((w) => w.id);

  const { neighbourhood, citationsAmong } = subgraphTruth(works);

  const bfs = (start: string, direction: CitationDirection, maxDepth: number): Bfs => {
    const depthOf = works.has(start) ? breadthFirstDepths(start, (id) => neighbours(id, direction), maxDepth) : new Map<string, number>();
    depthOf.delete(start);
    const ordered = [...depthOf.entries()].sort((a, b) => a[1] - b[1] || byteOrder(a[0], b[0]));
    const levelOf = (id: string) => (id === start ? 0 : depthOf.get(id));
    return {
      size: ordered.length,
      ordered,
      smallestPredecessor: (id) => {
        const depth = depthOf.get(id) as number;
        // Predecessors: works one level up that have `id` as a neighbour in the walk direction.
        const candidates = [...works.keys()].filter((p) => levelOf(p) === depth - 1 && neighbours(p, direction).includes(id));
        return candidates.sort(byteOrder)[0];
      },
    };
  };

  const worksOfAuthor = new Map<string, Set<string>>();
  for (const w of works.values()) {
    for (const id of namedAuthorIds(w)) worksOfAuthor.set(id, (worksOfAuthor.get(id) ?? new Set()).add(w.id));
  }
  const coauthors = (authorId: string): CoauthorRecord[] => {
    const shared = new Map<string, number>();
    for (const workId of worksOfAuthor.get(authorId) ?? []) {
      const byline = new Set(namedAuthorIds(works.get(workId) as TruthWork));
      byline.delete(authorId);
      for (const other of byline) shared.set(other, (shared.get(other) ?? 0) + 1);
    }
    return [...shared.entries()]
      .sort((a, b) => b[1] - a[1] || byteOrder(a[0], b[0]))
      .map(([id, n]) => ({ authorId: id, sharedWorks: n }));
  };

  const all = [...works.values()];
  const mostCitedInGraph = [...works.keys()].sort((a, b) => citers(b).length - citers(a).length || byteOrder(a, b))[0] as string;
  const mostCitedByOpenAlex = [...all].sort((a, b) => b.citedByCount - a.citedByCount || byteOrder(a.id, b.id))[0]?.id as string;
  const mostReferencing = [...works.keys()].sort((a, b) => references(b).length - references(a).length || byteOrder(a, b))[0] as string;
  const selfCiting = all.find((w) => w.referencedWorkIds.includes(w.id))?.id;
  const notLoadedReference = all.flatMap((w) => w.referencedWorkIds).find((ref) => !works.has(ref)) as string;
  // The widest walks of the sample (computed once from the truth) plus the most cited works.
  const widest = (direction: CitationDirection, depth: number) =>
    [...works.keys()].sort((a, b) => bfs(b, direction, depth).size - bfs(a, direction, depth).size || byteOrder(a, b))[0] as string;
  const startWorks = [
    ...new Set([
      mostCitedInGraph,
      mostCitedByOpenAlex,
      mostReferencing,
      widest('CITED_BY', 3),
      widest('REFERENCES', 3),
      ...(selfCiting ? [selfCiting] : []),
      // A work with no loaded citer and no loaded reference, if the sample has one.
      ...[...works.keys()].filter((id) => citers(id).length === 0).slice(0, 1),
    ]),
  ];

  return {
    works,
    authorIds: [...authors.keys()].sort(byteOrder),
    citers,
    references,
    cites,
    citedByIn,
    bfs,
    neighbourhood,
    citationsAmong,
    coauthors,
    mostCitedInGraph,
    notLoadedReference,
    startWorks,
  };
}
