import { byteOrder, namedAuthorIds, sampleGroundTruth, type TruthWork } from './sampleGroundTruth';
import type { TestGateway } from './testGateway';

/**
 * Citations, trends and search through GraphQL, checked against ground truth computed from the sample JSON.
 * Runs on the embedded profile (everything from PGlite) and on the five real stores.
 */
export function polyglotApiSuite(gateway: () => TestGateway): void {
  const truth = sampleGroundTruth();
  const works = [...truth.works.values()];
  const loaded = new Set(truth.works.keys());
  const citers = (id: string) => works.filter((w) => w.referencedWorkIds.includes(id));
  // Works whose bylines hold names OpenAlex could not attach to an author (data/sample/works/).
  const withUnattached = works.filter((w) => w.authorships.some((a) => a.authorId === null));
  /** Works per year and citations per year (counts_by_year) of `mine`, over from..to. */
  const yearly = (mine: readonly TruthWork[], from: number, to: number) =>
    Array.from({ length: to - from + 1 }, (_, i) => from + i).map((year) => ({
      period: year,
      works: mine.filter((w) => w.publicationYear === year).length,
      citations: mine.reduce((sum, w) => sum + w.countsByYear.filter((c) => c.year === year).reduce((s, c) => s + c.cited_by_count, 0), 0),
    }));

  it('counts, for every loaded work, the loaded works citing it and its loaded references', async () => {
    const seen = new Map<string, { citedBy: number; references: number }>();
    let after: string | null = null;
    for (let page = 0; page < 5; page++) {
      const res: Awaited<ReturnType<TestGateway['gql']>> = await gateway().gql(
        `query($after: String) { works(first: 200, after: $after) { edges { node { id citedBy { totalCount } references { totalCount } } }
          pageInfo { hasNextPage endCursor } } }`,
        { after },
      );
      expect(res.errors).toBeUndefined();
      const conn = (res.data as { works: { edges: { node: { id: string; citedBy: { totalCount: number }; references: { totalCount: number } } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } }).works;
      for (const { node } of conn.edges) seen.set(node.id, { citedBy: node.citedBy.totalCount, references: node.references.totalCount });
      if (!conn.pageInfo.hasNextPage) break;
      after = conn.pageInfo.endCursor;
    }
    const expected = new Map(works.map((w) => [w.id, { citedBy: citers(w.id).length, references: new Set(w.referencedWorkIds.filter((r) => loaded.has(r))).size }]));
    expect(Object.fromEntries(seen)).toEqual(Object.fromEntries(expected));
  });

  it('walks citations(depth: 2) breadth-first: each work once, at its shortest depth', async () => {
    const start = [...works].sort((a, b) => citers(b.id).length - citers(a.id).length)[0] as TruthWork;
    const depthOf = new Map<string, number>([[start.id, 0]]);
    let frontier = [start.id];
    for (let depth = 1; depth <= 2; depth++) {
      const next = new Set<string>();
      for (const id of frontier) for (const c of citers(id)) if (!depthOf.has(c.id)) next.add(c.id);
      for (const id of next) depthOf.set(id, depth);
      frontier = [...next];
    }
    depthOf.delete(start.id);
    const res = await gateway().gql<{ citations: { totalCount: number; nodes: { citing: { id: string }; cited: { id: string }; depth: number }[] } }>(
      `query($id: ID!) { citations(workId: $id, depth: 2, first: 200) { totalCount nodes { citing { id } cited { id } depth } } }`,
      { id: start.id },
    );
    expect(res.errors).toBeUndefined();
    const nodes = res.data?.citations.nodes ?? [];
    expect(res.data?.citations.totalCount).toBe(depthOf.size);
    expect(Object.fromEntries(nodes.map((n) => [n.citing.id, n.depth]))).toEqual(Object.fromEntries(depthOf));
    for (const n of nodes) expect(truth.works.get(n.citing.id)?.referencedWorkIds).toContain(n.cited.id);
  });

  it('refuses a citation depth outside 1..3', async () => {
    const res = await gateway().gql(`{ citations(workId: "${works[0]?.id}", depth: 4) { totalCount } }`);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'depth' });
  });

  it("gives each author's trend: citations per year summed from counts_by_year, works per year counted", async () => {
    const ids = [...truth.authors.keys()];
    const query = ids.map((id, i) => `a${i}: author(id: "${id}") { trend(from: 1990, to: 2026) { points { period works citations } } }`).join('\n');
    const res = await gateway().gql<Record<string, { trend: { points: { period: number; works: number; citations: number }[] } }>>(`{ ${query} }`);
    expect(res.errors).toBeUndefined();
    ids.forEach((id, i) => {
      const mine = works.filter((w) => w.authorships.some((a) => a.authorId === id));
      const expected = [];
      for (let year = 1990; year <= 2026; year++) {
        expected.push({
          period: year,
          works: mine.filter((w) => w.publicationYear === year).length,
          citations: mine.reduce((sum, w) => sum + w.countsByYear.filter((c) => c.year === year).reduce((s, c) => s + c.cited_by_count, 0), 0),
        });
      }
      expect({ id, points: res.data?.[`a${i}`]?.trend.points }).toEqual({ id, points: expected });
    });
  });

  it("finds a work first when searching its exact title", async () => {
    const candidates = works.filter((w) => (w.title ?? '').split(/\s+/).length >= 4).slice(0, 25);
    for (const work of candidates) {
      const twins = works.filter((w) => (w.title ?? '').toLowerCase() === (work.title ?? '').toLowerCase()).map((w) => w.id);
      const res = await gateway().gql<{ searchWorks: { totalCount: number; edges: { node: { id: string }; score: number; highlights: { field: string; snippets: string[] }[] }[] } }>(
        `query($q: String!) { searchWorks(query: $q, first: 3) { totalCount edges { node { id } score highlights { field snippets } } facets { type { value count } } } }`,
        { q: work.title },
      );
      expect(res.errors).toBeUndefined();
      expect(twins).toContain(res.data?.searchWorks.edges[0]?.node.id);
      expect(res.data?.searchWorks.edges[0]?.highlights.some((h) => h.field === 'title' && h.snippets.join(' ').includes('<em>'))).toBe(true);
    }
  });

  describe('works with byline names OpenAlex could not attach to an author', () => {
    it('are in the sample, each with names that name nobody', () => {
      expect(withUnattached.length).toBeGreaterThan(0);
      for (const w of withUnattached) expect(namedAuthorIds(w).length).toBeGreaterThan(0);
    });

    it('have their own trend, and count in the trend of each author they name', async () => {
      const points = 'trend(from: 2000, to: 2026) { points { period works citations } }';
      for (const work of withUnattached) {
        const own = await gateway().gql<{ work: { trend: { points: unknown[] } } }>(`query($id: ID!) { work(id: $id) { ${points} } }`, { id: work.id });
        expect(own.errors).toBeUndefined();
        expect({ id: work.id, points: own.data?.work.trend.points }).toEqual({ id: work.id, points: yearly([work], 2000, 2026) });
        const ids = namedAuthorIds(work);
        // Ten authors a request: the gateway allows 15 aliases per operation.
        for (let start = 0; start < ids.length; start += 10) {
          const chunk = ids.slice(start, start + 10);
          const res = await gateway().gql<Record<string, { trend: { points: unknown[] } }>>(`{ ${chunk.map((id, i) => `a${i}: author(id: "${id}") { ${points} }`).join('\n')} }`);
          expect(res.errors).toBeUndefined();
          chunk.forEach((id, i) => {
            const mine = works.filter((w) => namedAuthorIds(w).includes(id));
            expect({ id, points: res.data?.[`a${i}`]?.trend.points }).toEqual({ id, points: yearly(mine, 2000, 2026) });
          });
        }
      }
    });

    it('make co-authors of the authors they name, and of nobody else', async () => {
      const coauthorsOf = (id: string) => {
        const shared = new Map<string, number>();
        for (const w of works) {
          const named = namedAuthorIds(w);
          if (!named.includes(id)) continue;
          for (const other of named) if (other !== id) shared.set(other, (shared.get(other) ?? 0) + 1);
        }
        return [...shared].sort((a, b) => b[1] - a[1] || byteOrder(a[0], b[0])).map(([other, n]) => ({ author: { id: other }, sharedWorks: n }));
      };
      for (const work of withUnattached) {
        for (const id of namedAuthorIds(work)) {
          const res = await gateway().gql<{ author: { coauthors: { author: { id: string }; sharedWorks: number }[] } }>(
            'query($id: ID!) { author(id: $id) { coauthors(first: 200) { author { id } sharedWorks } } }',
            { id },
          );
          expect(res.errors).toBeUndefined();
          expect({ id, coauthors: res.data?.author.coauthors }).toEqual({ id, coauthors: coauthorsOf(id) });
        }
      }
    });

    it('are found by their title, also filtered by an author they name', async () => {
      for (const work of withUnattached) {
        const named = namedAuthorIds(work);
        for (const authorId of [undefined, named[0], named.at(-1)]) {
          const res = await gateway().gql<{ searchWorks: { edges: { node: { id: string } }[] } }>(
            'query($q: String!, $filter: WorkFilter) { searchWorks(query: $q, filter: $filter, first: 3) { edges { node { id } } } }',
            { q: work.title, filter: authorId === undefined ? null : { authorId } },
          );
          expect(res.errors).toBeUndefined();
          const twins = works.filter((w) => (w.title ?? '').toLowerCase() === (work.title ?? '').toLowerCase() && (authorId === undefined || namedAuthorIds(w).includes(authorId)));
          expect({ id: work.id, authorId, first: twins.map((w) => w.id).includes(res.data?.searchWorks.edges[0]?.node.id ?? '') }).toEqual({ id: work.id, authorId, first: true });
        }
      }
    });
  });
}
