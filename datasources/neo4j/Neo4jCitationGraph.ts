import neo4j, { type Driver, type ManagedTransaction, type Record as Neo4jRecord } from 'neo4j-driver';
import type {
  CitationDirection,
  CitationGraph,
  CoauthorRecord,
  SubgraphDirection,
  SubgraphNodeRecord,
  SubgraphRecord,
  WalkPage,
} from '../CitationGraph';
import { decodeCursor, encodeCursor, type KeysetOrder } from '../postgres/sql/keyset';
import { alignByKey } from '../shared/alignByKey';
import { compareSubgraphEdges, compareSubgraphNodes } from '../shared/subgraphOrder';
import type { StorePolicy } from '../shared/StorePolicy';
import type { Page, PageRequest, WorkSortKey } from '../types';
import {
  afterCursorCypher,
  citedByCypher,
  CITED_BY_COUNT_INDEX_STATE,
  citedByProbeCypher,
  CITERS_AND_WORKS,
  citingWorkOrder,
  COAUTHOR_ORDER,
  coauthorsCypher,
  COUNT_CITED_BY,
  COUNT_REFERENCES,
  type Params,
  REFERENCES_ORDER,
  referencesCypher,
  SUBGRAPH_EDGES,
  SUBGRAPH_START,
  subgraphStepCypher,
  toKeyValue,
  toNumber,
  walkStepCypher,
} from './cypher';
import type { CitationDepth, SubgraphDepth } from '../../src/core/domain/citationDepth';

/** What the graph needs from a driver (a real `Driver`, or a fake in unit tests). */
export type Neo4jClient = Pick<Driver, 'executeQuery' | 'session'>;

export interface Neo4jGraphOptions {
  /** Database name; unset: the server's default (home) database. */
  readonly database?: string | undefined;
  /** When a work's citedBy page walks the works' citedByCount index instead of its citers (default CITED_BY_PROBE). */
  readonly citedByProbe?: CitedByProbe;
}

/**
 * A work's citedBy page in citation order, by walking the works' citedByCount index and probing each one, costs about
 * 26 probes (a page of 25 and one more) for every (works / citers) walked, each a few microseconds; reading every citer's
 * count costs about a microsecond per citer. The walk pays when citers² ≥ `citersSquaredPerWork` × works (about
 * 11 √works citers: 11,000 at a million works); it walks at most `margin` times the expected number of works, and at
 * most `maxWalk`, and falls back to reading the citers when that did not settle the page.
 */
export interface CitedByProbe {
  readonly citersSquaredPerWork: number;
  readonly margin: number;
  readonly maxWalk: number;
}

export const CITED_BY_PROBE: CitedByProbe = { citersSquaredPerWork: 120, margin: 4, maxWalk: 100_000 };

/** How often the state of a citedByCount index that was not online yet is asked again. */
export const INDEX_RECHECK_MS = 10_000;

interface KeyedRows {
  readonly id: string;
  readonly rows: readonly { readonly id: string; readonly keys: readonly unknown[] }[];
}

/**
 * The citation graph in Neo4j (model in Neo4jProjection.ts). Batch methods are one Cypher call for all keys
 * (`UNWIND $ids`), reads are routed to readers, and every call runs under the store's cockatiel policy. Only
 * loaded works (`n.loaded`) take part; stubs for referenced works that are not loaded are ignored.
 */
export class Neo4jCitationGraph implements CitationGraph {
  readonly backend = 'neo4j';
  private indexOnline = false;
  private indexCheckedAt = -Infinity;

  constructor(
    private readonly driver: Neo4jClient,
    private readonly policy: StorePolicy,
    private readonly options: Neo4jGraphOptions = {},
  ) {}

  async countCitedBy(workIds: readonly string[]): Promise<number[]> {
    return this.counts('citations.countCitedBy', COUNT_CITED_BY, workIds);
  }

  async countReferences(workIds: readonly string[]): Promise<number[]> {
    return this.counts('citations.countReferences', COUNT_REFERENCES, workIds);
  }

  async citedBy(workIds: readonly string[], request: PageRequest<never, WorkSortKey>): Promise<Page<string>[]> {
    const order = citingWorkOrder(request.sort);
    const count = (ids: readonly string[]) => this.countCitedBy(ids);
    const [only, ...others] = unique(workIds);
    const direction = request.sort[0] === 'CITED_BY_COUNT_DESC' ? 'DESC' : request.sort[0] === 'CITED_BY_COUNT_ASC' ? 'ASC' : undefined;
    if (only !== undefined && others.length === 0 && direction !== undefined) {
      const probed = await this.probedCitedBy(only, order, direction, request);
      if (probed) return this.pagesOf(workIds, [{ id: only, rows: probed.rows }], order, request, async (ids) => ids.map(() => probed.citers));
    }
    return this.pages('citations.citedBy', order, workIds, request, (keyset) => citedByCypher(order, keyset), count);
  }

  /**
   * One work's citedBy page by walking the citedByCount index (CitedByProbe), or undefined when reading its citers is
   * cheaper or the walk did not settle the page. The count read first also answers the page's totalCount.
   */
  private async probedCitedBy(id: string, order: KeysetOrder, direction: 'DESC' | 'ASC', request: PageRequest<never, WorkSortKey>): Promise<{ rows: KeyedRows['rows']; citers: number } | undefined> {
    const probe = this.options.citedByProbe ?? CITED_BY_PROBE;
    const limit = request.first + 1;
    const params: Params = { id, limit: neo4j.int(limit) };
    // A cursor of another order is refused before anything is read; its leading value bounds the index range (the
    // keyset condition then drops what the previous page already had).
    const keyset = afterCursorCypher(order, request.after, params);
    if (request.after !== undefined) params['bound'] = params['after0'];
    if (!(await this.citedByCountIndexOnline())) return undefined;
    const [sizes] = await this.read('citations.citedByProbe', CITERS_AND_WORKS, { id });
    if (!sizes) return undefined;
    const citers = toNumber(sizes.get('citers'));
    const works = toNumber(sizes.get('works'));
    if (citers === 0 || citers * citers < probe.citersSquaredPerWork * works) return undefined;
    const scan = Math.min(probe.maxWalk, Math.ceil((probe.margin * limit * works) / citers));
    params['scan'] = neo4j.int(scan);
    const [answer] = await this.read('citations.citedByProbe', citedByProbeCypher(order, keyset, direction, request.after !== undefined), params);
    if (!answer) return undefined;
    const rows = answer.get('rows') as KeyedRows['rows'];
    const walked = toNumber(answer.get('walkedCount'));
    const last = answer.get('last') === null ? undefined : toNumber(answer.get('last'));
    const beyond = (row: KeyedRows['rows'][number]) => last === undefined || (direction === 'DESC' ? toNumber(row.keys[0]) > last : toNumber(row.keys[0]) < last);
    const settled = walked < scan || (rows.length === limit && rows.every(beyond));
    return settled ? { rows, citers } : undefined;
  }

  async references(workIds: readonly string[], request: PageRequest<never, never>): Promise<Page<string>[]> {
    return this.pages('citations.references', REFERENCES_ORDER, workIds, request, referencesCypher, (ids) => this.countReferences(ids));
  }

  /**
   * Breadth-first, one Cypher step per level (at most three, in one read transaction): each step gets the
   * frontier, the visited ids and how many works the cap still allows (`maxNodes` + 1, the one past the cap saying
   * it was reached) as parameters, and keeps the smallest ids — the order PostgreSQL's boundedWalkCtes keeps. The
   * depth and the cap only bound a loop and a LIMIT; they never reach query text.
   */
  async traverse(workId: string, direction: CitationDirection, maxDepth: CitationDepth, request: PageRequest<never, never>, maxNodes: number): Promise<WalkPage> {
    const order: KeysetOrder = {
      keys: [
        { expr: 'depth', desc: false, cast: 'integer' },
        { expr: 'id', desc: false, cast: 'text' },
      ],
      signature: `citations:${direction}:${maxDepth}`,
    };
    // A 32-bit depth and a storable id, or BAD_USER_INPUT on `after` (decodeCursor checks each against its key).
    const after = request.after === undefined ? undefined : decodeCursor(order, request.after);
    const [first, next] = [walkStepCypher(direction, 'first'), walkStepCypher(direction, 'next')];
    const reached = await this.inReadTransaction('citations.traverse', async (tx) => {
      const found: { id: string; depth: number; pred: string }[] = [];
      const visited = new Set([workId]);
      let frontier = [workId];
      for (let level = 1; level <= maxDepth && frontier.length > 0 && found.length <= maxNodes; level++) {
        const limit = neo4j.int(maxNodes + 1 - found.length);
        const result = level === 1 ? await tx.run(first, { start: workId, limit }) : await tx.run(next, { frontier, visited: [...visited], limit });
        const reachedNow = result.records.map((r) => ({ id: r.get('id') as string, depth: level, pred: r.get('pred') as string }));
        for (const n of reachedNow) visited.add(n.id);
        found.push(...reachedNow);
        frontier = reachedNow.map((n) => n.id);
      }
      return found;
    });
    reached.sort((a, b) => a.depth - b.depth || byteOrder(a.id, b.id));
    const walk = reached.slice(0, maxNodes);
    const rest = after === undefined ? walk : walk.filter((n) => n.depth > (after[0] as number) || (n.depth === after[0] && byteOrder(n.id, after[1] as string) > 0));
    return {
      edges: rest.slice(0, request.first).map((n) => ({
        cursor: encodeCursor(order, { _k0: n.depth, _k1: n.id }),
        node: { ...edgeOf(direction, n.id, n.pred), depth: n.depth },
      })),
      hasNextPage: rest.length > request.first,
      totalCount: () => Promise.resolve(walk.length),
      totalCountCapped: () => Promise.resolve(reached.length > maxNodes),
    };
  }

  /**
   * One read transaction: the start, one breadth-first step per level (at most two; frontier and visited ids as
   * parameters), then the citations among the kept works. The whole neighbourhood is ordered and cut here, in the
   * order PostgreSQL's SQL uses (subgraphOrder.ts).
   */
  async subgraph(workId: string, direction: SubgraphDirection, depth: SubgraphDepth, maxNodes: number): Promise<SubgraphRecord> {
    const step = subgraphStepCypher(direction);
    return this.inReadTransaction('citations.subgraph', async (tx) => {
      const nodeOf = (r: Neo4jRecord, level: number): SubgraphNodeRecord => ({ id: r.get('id') as string, depth: level, citedByCount: toNumber(r.get('citedByCount')) });
      const reached = (await tx.run(SUBGRAPH_START, { id: workId })).records.map((r) => nodeOf(r, 0));
      const visited = new Set(reached.map((n) => n.id));
      let frontier = [...visited];
      for (let level = 1; level <= depth && frontier.length > 0; level++) {
        const next = (await tx.run(step, { frontier, visited: [...visited] })).records.map((r) => nodeOf(r, level));
        for (const n of next) visited.add(n.id);
        reached.push(...next);
        frontier = next.map((n) => n.id);
      }
      const nodes = reached.sort(compareSubgraphNodes).slice(0, maxNodes);
      const ids = nodes.map((n) => n.id);
      const edges = ids.length === 0 ? [] : (await tx.run(SUBGRAPH_EDGES, { ids })).records.map((r) => ({ citingId: r.get('citingId') as string, citedId: r.get('citedId') as string }));
      return { nodes, edges: edges.sort(compareSubgraphEdges), totalNodes: reached.length };
    });
  }

  async coauthors(authorIds: readonly string[], request: PageRequest<never, never>): Promise<Page<CoauthorRecord>[]> {
    const params: Params = { ids: unique(authorIds), limit: neo4j.int(request.first + 1) };
    const keyset = afterCursorCypher(COAUTHOR_ORDER, request.after, params);
    const records = await this.read('citations.coauthors', coauthorsCypher(keyset), params);
    const lists = records.map((r) => ({
      id: r.get('aid') as string,
      total: toNumber(r.get('total')),
      top: (r.get('top') as { authorId: string; sharedWorks: unknown }[]).map((c) => ({ authorId: c.authorId, sharedWorks: toNumber(c.sharedWorks) })),
    }));
    return alignByKey(authorIds, lists, (l) => l.id).map((l) => {
      const top = l?.top ?? [];
      return {
        edges: top.slice(0, request.first).map((c) => ({ cursor: encodeCursor(COAUTHOR_ORDER, { _k0: c.sharedWorks, _k1: c.authorId }), node: c })),
        hasNextPage: top.length > request.first,
        totalCount: () => Promise.resolve(l?.total ?? 0),
      };
    });
  }

  private async counts(operation: string, cypher: string, workIds: readonly string[]): Promise<number[]> {
    const records = await this.read(operation, cypher, { ids: unique(workIds) });
    const rows = records.map((r) => ({ id: r.get('id') as string, n: toNumber(r.get('n')) }));
    return alignByKey(workIds, rows, (r) => r.id).map((r) => r?.n ?? 0);
  }

  /**
   * Whether the citedByCount index is online, asked at most every INDEX_RECHECK_MS until it is, then taken as given.
   * Neo4j ignores an index hint it cannot follow and would scan every Work instead: the walk waits for the index.
   */
  private async citedByCountIndexOnline(): Promise<boolean> {
    if (this.indexOnline) return true;
    const now = performance.now();
    if (now - this.indexCheckedAt < INDEX_RECHECK_MS) return false;
    this.indexCheckedAt = now;
    const [index] = await this.read('citations.citedByProbe', CITED_BY_COUNT_INDEX_STATE, {});
    this.indexOnline = index?.get('state') === 'ONLINE';
    return this.indexOnline;
  }

  /** One page per key from one call; every page's `totalCount` is answered by one shared count of all keys. */
  private async pages(
    operation: string,
    order: KeysetOrder,
    workIds: readonly string[],
    request: PageRequest<never, unknown>,
    cypher: (keyset: string) => string,
    count: (ids: readonly string[]) => Promise<number[]>,
  ): Promise<Page<string>[]> {
    const params: Params = { ids: unique(workIds), limit: neo4j.int(request.first + 1) };
    const keyset = afterCursorCypher(order, request.after, params);
    const records = await this.read(operation, cypher(keyset), params);
    const groups = records.map((r): KeyedRows => ({ id: r.get('id') as string, rows: r.get('rows') as KeyedRows['rows'] }));
    return this.pagesOf(workIds, groups, order, request, count);
  }

  /** The page of each key from its rows (first + 1 of them at most); totalCount from one shared count of all keys. */
  private pagesOf(
    workIds: readonly string[],
    groups: readonly KeyedRows[],
    order: KeysetOrder,
    request: PageRequest<never, unknown>,
    count: (ids: readonly string[]) => Promise<number[]>,
  ): Page<string>[] {
    let totals: Promise<number[]> | undefined;
    return alignByKey(workIds, groups, (g) => g.id).map((group, i) => {
      const rows = group?.rows ?? [];
      return {
        edges: rows.slice(0, request.first).map((row) => ({
          cursor: encodeCursor(order, Object.fromEntries(row.keys.map((v, k) => [`_k${k}`, toKeyValue(v)]))),
          node: row.id,
        })),
        hasNextPage: rows.length > request.first,
        totalCount: async () => (await (totals ??= count(workIds)))[i] ?? 0,
      };
    });
  }

  /** Runs `work` in one read transaction under the policy; an attempt that is aborted (timeout) closes its session. */
  private inReadTransaction<T>(operation: string, work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    return this.policy.execute(operation, async (signal) => {
      const session = this.driver.session({ defaultAccessMode: neo4j.session.READ, database: this.options.database });
      const abort = () => void session.close();
      signal.addEventListener('abort', abort);
      try {
        return await session.executeRead(work);
      } finally {
        signal.removeEventListener('abort', abort);
        await session.close();
      }
    });
  }

  private async read(operation: string, cypher: string, params: Params): Promise<Neo4jRecord[]> {
    const result = await this.policy.execute(operation, (signal) =>
      this.driver.executeQuery(cypher, params, { routing: neo4j.routing.READ, database: this.options.database, signal }),
    );
    return result.records;
  }
}


function edgeOf(direction: CitationDirection, reached: string, pred: string): { citingId: string; citedId: string } {
  return direction === 'CITED_BY' ? { citingId: reached, citedId: pred } : { citingId: pred, citedId: reached };
}

/** Byte order of UTF-8, as PostgreSQL's `COLLATE "C"` compares ids. */
function byteOrder(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

function unique(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}
