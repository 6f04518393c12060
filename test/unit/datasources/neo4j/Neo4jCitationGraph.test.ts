import neo4j from 'neo4j-driver';
import { isTransientNeo4jError } from '../../../../datasources/neo4j/isTransientNeo4jError';
import { CITED_BY_COUNT_INDEX_STATE, citedByCypher, citedByProbeCypher, CITERS_AND_WORKS, citingWorkOrder, walkStepCypher } from '../../../../datasources/neo4j/cypher';
import { encodeCursor } from '../../../../datasources/postgres/sql/keyset';
import { InvalidCursorError } from '../../../../src/core/errors';
import { type CitedByProbe, INDEX_RECHECK_MS, Neo4jCitationGraph } from '../../../../datasources/neo4j/Neo4jCitationGraph';
import { StorePolicy } from '../../../../datasources/shared/StorePolicy';
import { FakeNeo4j } from './fakeNeo4j';

const ids = Array.from({ length: 100 }, (_, i) => `W${1000 + i}`);
const policy = () => new StorePolicy('neo4j', isTransientNeo4jError, { maxAttempts: 1 });

/** A tiny citation graph: W2 and W3 cite W1; W4 cites W2 and W3; W5 cites W4. */
const CITERS: Record<string, string[]> = { W1: ['W2', 'W3'], W2: ['W4'], W3: ['W4'], W4: ['W5'] };

function answer(cypher: string, params: Record<string, unknown>): Record<string, unknown>[] {
  // A walk step: the first from `$start` alone, the next ones from `$frontier` minus `$visited`; the smallest predecessor.
  if (cypher.includes('$frontier') || cypher.includes('$start AS pred')) {
    const frontier = cypher.includes('$frontier') ? (params['frontier'] as string[]) : [params['start'] as string];
    const visited = new Set(cypher.includes('$frontier') ? (params['visited'] as string[]) : frontier);
    const reached = new Map<string, string>();
    for (const p of frontier) {
      for (const n of CITERS[p] ?? []) if (!visited.has(n) && !(p >= (reached.get(n) ?? '\uffff'))) reached.set(n, p);
    }
    const limit = params['limit'] === undefined ? Infinity : neo4j.integer.toNumber(params['limit'] as never);
    return [...reached].sort(([a], [b]) => (a < b ? -1 : 1)).slice(0, limit).map(([id, pred]) => ({ id, pred }));
  }
  if (cypher.includes('AS n')) return (params['ids'] as string[]).filter((id) => id !== 'W1099').map((id) => ({ id, n: neo4j.int(3) }));
  if (cypher.includes('AS rows')) {
    return (params['ids'] as string[]).map((id) => ({ id, rows: [{ id: 'W7', keys: [neo4j.int(5), 'W7'] }, { id: 'W8', keys: [neo4j.int(4), 'W8'] }] }));
  }
  return [];
}

describe('Neo4jCitationGraph (driver double)', () => {
  it('counts 100 works in one READ query with each id once, converting integers and aligning keys', async () => {
    const fake = new FakeNeo4j(answer);
    const graph = new Neo4jCitationGraph(fake.client, policy());
    const counts = await graph.countCitedBy([...ids, 'W1000']);
    expect(fake.calls).toHaveLength(1);
    expect(fake.calls[0]?.config?.['routing']).toBe(neo4j.routing.READ);
    expect(fake.calls[0]?.params['ids']).toEqual(ids);
    expect(counts).toHaveLength(101);
    expect(counts[0]).toBe(3);
    expect(counts[99]).toBe(0);
    expect(counts[100]).toBe(3);
  });

  it('answers 100 citedBy pages with one query, and all their totalCounts with one more', async () => {
    const fake = new FakeNeo4j(answer);
    const graph = new Neo4jCitationGraph(fake.client, policy());
    const pages = await graph.citedBy(ids, { sort: ['CITED_BY_COUNT_DESC'], first: 1 });
    expect(fake.calls).toHaveLength(1);
    expect(neo4j.isInt(fake.calls[0]?.params['limit'])).toBe(true);
    expect(pages[0]?.edges.map((e) => e.node)).toEqual(['W7']);
    expect(pages[0]?.hasNextPage).toBe(true);
    const totals = await Promise.all(pages.map((p) => p.totalCount()));
    expect(totals.slice(0, 2)).toEqual([3, 3]);
    expect(totals[99]).toBe(0);
    expect(fake.calls).toHaveLength(2);
    // The cursor carries the sort values as numbers, and pages on from there.
    await graph.citedBy(['W1'], { sort: ['CITED_BY_COUNT_DESC'], first: 1, after: pages[0]?.edges[0]?.cursor });
    // One work in citation order: is the citedByCount index online? (Here: no, so the citers are read.)
    expect(fake.calls[2]?.cypher).toBe(CITED_BY_COUNT_INDEX_STATE);
    expect(fake.calls[3]?.params['after0']).toEqual(neo4j.int(5));
    expect(fake.calls[3]?.params['after1']).toBe('W7');
  });

  describe('one work’s citedBy page in citation order (CitedByProbe)', () => {
    const probe: CitedByProbe = { citersSquaredPerWork: 120, margin: 4, maxWalk: 100_000 };
    const row = (id: string, count: number) => ({ id, keys: [neo4j.int(count), id] });
    /** A graph of `works` works whose hub has `citers`, and a probe walk answering `walked` works, the last of count `last`. */
    const hub = (citers: number, works: number, probed: { rows: ReturnType<typeof row>[]; walked: number; last: number | null }) =>
      new FakeNeo4j((cypher) => {
        if (cypher === CITED_BY_COUNT_INDEX_STATE) return [{ state: 'ONLINE' }];
        if (cypher === CITERS_AND_WORKS) return [{ citers: neo4j.int(citers), works: neo4j.int(works) }];
        if (cypher.includes('USING INDEX')) return [{ rows: probed.rows, walkedCount: neo4j.int(probed.walked), last: probed.last === null ? null : neo4j.int(probed.last) }];
        if (cypher.includes('AS rows')) return [{ id: 'W1', rows: [row('W9', 1)] }];
        return [];
      });

    it('reads the citers of a work with few of them (citers² < 120 × works)', async () => {
      const fake = hub(10_000, 1_000_000, { rows: [], walked: 0, last: null });
      const [page] = await new Neo4jCitationGraph(fake.client, policy(), { citedByProbe: probe }).citedBy(['W1'], { sort: ['CITED_BY_COUNT_DESC'], first: 1 });
      expect(fake.calls.map((c) => c.cypher)).toEqual([CITED_BY_COUNT_INDEX_STATE, CITERS_AND_WORKS, citedByCypher(citingWorkOrder(['CITED_BY_COUNT_DESC']), 'true')]);
      expect(page?.edges.map((e) => e.node)).toEqual(['W9']);
    });

    it('walks the index for a hub, bounding the walk by the expected probes, and answers totalCount from the count it read', async () => {
      const fake = hub(250_000, 1_000_000, { rows: [row('W2', 90), row('W3', 80)], walked: 64, last: 70 });
      const [page, again] = await new Neo4jCitationGraph(fake.client, policy(), { citedByProbe: probe }).citedBy(['W1', 'W1'], { sort: ['CITED_BY_COUNT_DESC'], first: 1 });
      expect(fake.calls).toHaveLength(3);
      expect(fake.calls[2]?.cypher).toBe(citedByProbeCypher(citingWorkOrder(['CITED_BY_COUNT_DESC']), 'true', 'DESC', false));
      // 4 × (first + 1) × works / citers = 32 works walked at most.
      expect(fake.calls[2]?.params).toEqual({ id: 'W1', limit: neo4j.int(2), scan: neo4j.int(32) });
      expect(page?.edges.map((e) => e.node)).toEqual(['W2']);
      expect(page?.hasNextPage).toBe(true);
      expect([await page?.totalCount(), await again?.totalCount()]).toEqual([250_000, 250_000]);
      expect(fake.calls).toHaveLength(3);
    });

    it('takes a walk that ended before its bound as the whole answer, and starts the next page’s walk at the cursor', async () => {
      const fake = hub(250_000, 1_000_000, { rows: [row('W2', 3)], walked: 5, last: 3 });
      const graph = new Neo4jCitationGraph(fake.client, policy(), { citedByProbe: probe });
      const [page] = await graph.citedBy(['W1'], { sort: ['CITED_BY_COUNT_ASC'], first: 1 });
      expect(page?.edges.map((e) => e.node)).toEqual(['W2']);
      expect(page?.hasNextPage).toBe(false);
      await graph.citedBy(['W1'], { sort: ['CITED_BY_COUNT_ASC'], first: 1, after: page?.edges[0]?.cursor });
      const next = fake.calls[fake.calls.length - 1];
      expect(next?.cypher).toContain('c.citedByCount >= $bound');
      expect(next?.params['bound']).toEqual(neo4j.int(3));
    });

    it('reads the citers when the walk did not settle the page: a row as far as the last work walked, or too few rows', async () => {
      for (const probed of [
        { rows: [row('W2', 90), row('W3', 70)], walked: 32, last: 70 },
        { rows: [row('W2', 90)], walked: 32, last: 50 },
      ]) {
        const fake = hub(250_000, 1_000_000, probed);
        const [page] = await new Neo4jCitationGraph(fake.client, policy(), { citedByProbe: probe }).citedBy(['W1'], { sort: ['CITED_BY_COUNT_DESC'], first: 1 });
        expect(fake.calls.map((c) => c.cypher.includes('USING INDEX'))).toEqual([false, false, true, false]);
        expect(page?.edges.map((e) => e.node)).toEqual(['W9']);
      }
    });

    it('reads the citers until the citedByCount index is online, asking for its state once per INDEX_RECHECK_MS', async () => {
      // Neo4j ignores an index hint it cannot follow and scans every Work: no walk before the index is built.
      const building = new FakeNeo4j((cypher) => {
        if (cypher === CITED_BY_COUNT_INDEX_STATE) return [{ state: 'POPULATING' }];
        if (cypher.includes('USING INDEX')) throw new Error('no walk without the index');
        return [{ id: 'W1', rows: [row('W9', 1)] }];
      });
      const graph = new Neo4jCitationGraph(building.client, policy(), { citedByProbe: probe });
      for (let i = 0; i < 2; i++) {
        const [page] = await graph.citedBy(['W1'], { sort: ['CITED_BY_COUNT_DESC'], first: 1 });
        expect(page?.edges.map((e) => e.node)).toEqual(['W9']);
      }
      expect(building.calls.map((c) => c.cypher === CITED_BY_COUNT_INDEX_STATE)).toEqual([true, false, false]);
      expect(INDEX_RECHECK_MS).toBe(10_000);
    });

    it('refuses a cursor of another order before reading anything', async () => {
      const fake = hub(250_000, 1_000_000, { rows: [], walked: 0, last: null });
      const cursor = encodeCursor(citingWorkOrder(['TITLE_ASC']), { _k0: 'a', _k1: 'W2' });
      await expect(new Neo4jCitationGraph(fake.client, policy()).citedBy(['W1'], { sort: ['CITED_BY_COUNT_DESC'], first: 1, after: cursor })).rejects.toBeInstanceOf(InvalidCursorError);
      expect(fake.calls).toEqual([]);
    });
  });

  it('walks one step per level in one read transaction, depth bounding the loop only', async () => {
    const fake = new FakeNeo4j(answer);
    const graph = new Neo4jCitationGraph(fake.client, policy());
    const page = await graph.traverse('W1', 'CITED_BY', 2, { sort: [], first: 10 }, 100);
    expect(fake.calls.map((c) => c.via)).toEqual(['executeRead', 'executeRead']);
    expect(fake.sessions[0]?.['defaultAccessMode']).toBe(neo4j.session.READ);
    // The first step starts from the work alone; the next one from the frontier, minus what was visited.
    expect(fake.calls.map((c) => c.cypher)).toEqual([walkStepCypher('CITED_BY', 'first'), walkStepCypher('CITED_BY', 'next')]);
    expect(fake.calls[0]?.params).toEqual({ start: 'W1', limit: neo4j.int(101) });
    expect(fake.calls[1]?.params).toEqual({ frontier: ['W2', 'W3'], visited: ['W1', 'W2', 'W3'], limit: neo4j.int(99) });
    expect(page.edges.map((e) => e.node)).toEqual([
      { citingId: 'W2', citedId: 'W1', depth: 1 },
      { citingId: 'W3', citedId: 'W1', depth: 1 },
      { citingId: 'W4', citedId: 'W2', depth: 2 },
    ]);
    expect(await page.totalCount()).toBe(3);

    const rest = await graph.traverse('W1', 'CITED_BY', 2, { sort: [], first: 1, after: page.edges[0]?.cursor }, 100);
    expect(rest.edges.map((e) => e.node.citingId)).toEqual(['W3']);
    expect(rest.hasNextPage).toBe(true);
  });

  it('stops at the cap: the limit of each step is what the cap leaves (plus one), the one past it only says capped', async () => {
    const fake = new FakeNeo4j(answer);
    const graph = new Neo4jCitationGraph(fake.client, policy());
    const capped = await graph.traverse('W1', 'CITED_BY', 3, { sort: [], first: 10 }, 2);
    expect(fake.calls.map((c) => c.params['limit'])).toEqual([neo4j.int(3), neo4j.int(1)]);
    expect(capped.edges.map((e) => e.node.citingId)).toEqual(['W2', 'W3']);
    expect(capped.hasNextPage).toBe(false);
    expect([await capped.totalCount(), await capped.totalCountCapped()]).toEqual([2, true]);
    const exact = await graph.traverse('W1', 'CITED_BY', 3, { sort: [], first: 10 }, 4);
    expect([await exact.totalCount(), await exact.totalCountCapped()]).toEqual([4, false]);
    const one = await graph.traverse('W1', 'CITED_BY', 3, { sort: [], first: 10 }, 1);
    expect(one.edges.map((e) => e.node.citingId)).toEqual(['W2']);
    expect([await one.totalCount(), await one.totalCountCapped()]).toEqual([1, true]);
  });

  it('stops early when a level is empty', async () => {
    // (A depth outside 1–3 cannot reach a backend: CitationDepth; the rule is tested once, in test/unit/src/core.)
    const fake = new FakeNeo4j(answer);
    const graph = new Neo4jCitationGraph(fake.client, policy());
    const page = await graph.traverse('W5', 'CITED_BY', 3, { sort: [], first: 10 }, 100);
    expect(page.edges).toEqual([]);
    expect(fake.calls).toHaveLength(1);
  });

  it('lists co-authors of many authors in one query, `first` bound as an integer', async () => {
    const fake = new FakeNeo4j((cypher) =>
      cypher.includes('AS top') ? [{ aid: 'A2', total: neo4j.int(1), top: [{ authorId: 'A9', sharedWorks: neo4j.int(4) }] }] : [],
    );
    const graph = new Neo4jCitationGraph(fake.client, policy());
    const pages = await graph.coauthors(['A1', 'A2'], { first: 5, sort: [] });
    expect(pages.map((page) => page.edges.map((e) => e.node))).toEqual([[], [{ authorId: 'A9', sharedWorks: 4 }]]);
    expect(await pages[1]?.totalCount()).toBe(1);
    expect(fake.calls).toHaveLength(1);
    // The limit is first + 1: one more entry says whether a next page follows.
    expect(fake.calls[0]?.params['limit']).toEqual(neo4j.int(6));
  });

  it('surfaces an unreachable server as UPSTREAM_UNAVAILABLE naming neo4j', async () => {
    const graph = new Neo4jCitationGraph(
      {
        executeQuery: () => Promise.reject(new neo4j.Neo4jError('Could not perform discovery', neo4j.error.SERVICE_UNAVAILABLE, '08000', 'error')),
      } as never,
      new StorePolicy('neo4j', isTransientNeo4jError, { maxAttempts: 2, initialBackoffMs: 1 }),
    );
    await expect(graph.countCitedBy(['W1'])).rejects.toMatchObject({ extensions: { code: 'UPSTREAM_UNAVAILABLE', store: 'neo4j' } });
  });
});
