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
}

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
    return this.pages('citations.citedBy', order, workIds, request, (keyset) => citedByCypher(order, keyset), (ids) => this.countCitedBy(ids));
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
