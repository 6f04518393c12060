import type { CitationDirection, CitationGraph, CoauthorRecord, SubgraphDirection, SubgraphRecord, WalkPage } from '../CitationGraph';
import { alignByKey, groupByKey } from '../shared/alignByKey';
import type { StorePolicy } from '../shared/StorePolicy';
import type { Page, PageRequest, WorkSortKey } from '../types';
import {
  COAUTHOR_ORDER,
  coauthorsSql,
  COUNT_CITED_BY_SQL,
  COUNT_COAUTHORS_SQL,
  COUNT_REFERENCES_SQL,
  boundedWalkCtes,
  edgeOf,
  REFERENCES_ORDER,
  SUBGRAPH_EDGES_SQL,
  subgraphNodesSql,
  traverseOrder,
} from './sql/citationSql';
import { afterCursorSql, decodeCursor, encodeCursor, keyColumnsSql, type KeysetOrder, orderBySql } from './sql/keyset';
import { SqlParams } from './sql/SqlParams';
import { workOrder } from './sql/workSql';
import type { SqlExecutor, SqlParam } from './SqlExecutor';
import type { CitationDepth, SubgraphDepth } from '../../src/core/domain/citationDepth';

type KeyedRow = Record<string, unknown> & { readonly _key: string; readonly id: string };

/**
 * The citation graph in PostgreSQL (`work_references` joined with `works`, so only loaded works count).
 * Every batch method is one statement for all its keys; a walk is one statement of one CTE per level. Every statement runs
 * under the store's cockatiel policy.
 */
export class PostgresCitationGraph implements CitationGraph {
  readonly backend = 'postgresql';

  constructor(
    private readonly db: Pick<SqlExecutor, 'query'>,
    private readonly policy: StorePolicy,
  ) {}

  async countCitedBy(workIds: readonly string[]): Promise<number[]> {
    return this.counts('citations.countCitedBy', COUNT_CITED_BY_SQL, workIds);
  }

  async countReferences(workIds: readonly string[]): Promise<number[]> {
    return this.counts('citations.countReferences', COUNT_REFERENCES_SQL, workIds);
  }

  async citedBy(workIds: readonly string[], request: PageRequest<never, WorkSortKey>): Promise<Page<string>[]> {
    const order = workOrder(request.sort);
    const params = new SqlParams();
    const [only, ...others] = unique(workIds);
    const keyset = request.after === undefined ? 'TRUE' : afterCursorSql(order, decodeCursor(order, request.after), params);
    const limit = params.add(request.first + 1, 'integer');
    // One work (a work's page): its citing works as a query over works (alias w) in the page's order, each probed in
    // work_references, so PostgreSQL plans for that work — for a hub it walks the works' sort index and probes until
    // the page is full (the first page of a 238,217-citer hub: 12 ms at 1,000,000 works, where ranking every citer
    // took 1.4 s), for a work with few citers it reads them first.
    if (only !== undefined && others.length === 0) {
      const id = params.add(only, 'text');
      const sql = `SELECT w.id, ${id} AS _key, ${keyColumnsSql(order)}
        FROM works w
        WHERE EXISTS (SELECT 1 FROM work_references r WHERE r.citing_id = w.id AND r.cited_id = ${id})
          AND EXISTS (SELECT 1 FROM works t WHERE t.id = ${id}) AND ${keyset}
        ORDER BY ${orderBySql(order)} LIMIT ${limit}`;
      return this.pages(workIds, await this.rows<KeyedRow>('citations.citedBy', sql, params.values), request.first, order, (ids) => this.countCitedBy(ids));
    }
    // Several works: one statement ranks each work's citing works (alias w) and keeps first + 1 of each.
    const sql = `SELECT * FROM (
        SELECT w.id, r.cited_id AS _key, ${keyColumnsSql(order)},
          row_number() OVER (PARTITION BY r.cited_id ORDER BY ${orderBySql(order)}) AS _rank
        FROM work_references r JOIN works t ON t.id = r.cited_id JOIN works w ON w.id = r.citing_id
        WHERE r.cited_id = ANY(${params.add(unique(workIds), 'text[]')}) AND ${keyset}
      ) ranked WHERE _rank <= ${limit} ORDER BY _key, _rank`;
    const rows = await this.rows<KeyedRow>('citations.citedBy', sql, params.values);
    return this.pages(workIds, rows, request.first, order, (ids) => this.countCitedBy(ids));
  }

  async references(workIds: readonly string[], request: PageRequest<never, never>): Promise<Page<string>[]> {
    const order = REFERENCES_ORDER;
    const params = new SqlParams();
    const ids = params.add(unique(workIds), 'text[]');
    const keyset = request.after === undefined ? 'TRUE' : afterCursorSql(order, decodeCursor(order, request.after), params);
    const sql = `SELECT * FROM (
        SELECT r.cited_id AS id, r.citing_id AS _key, ${keyColumnsSql(order)},
          row_number() OVER (PARTITION BY r.citing_id ORDER BY ${orderBySql(order)}) AS _rank
        FROM work_references r JOIN works w ON w.id = r.citing_id JOIN works c ON c.id = r.cited_id
        WHERE r.citing_id = ANY(${ids}) AND ${keyset}
      ) ranked WHERE _rank <= ${params.add(request.first + 1, 'integer')} ORDER BY _key, _rank`;
    const rows = await this.rows<KeyedRow>('citations.references', sql, params.values);
    return this.pages(workIds, rows, request.first, order, (ids) => this.countReferences(ids));
  }

  /**
   * One statement, a bounded walk (boundedWalkCtes) that keeps at most `maxNodes` + 1 works, so the walk's work
   * stops at the cap however large the neighbourhood: the page (keyset over the first `maxNodes`) with, on each row,
   * the number of works the walk kept (the `maxNodes` + 1st says the cap was reached). An empty page (past the end)
   * has no row to carry it: its count is one more such walk, run only when asked for.
   */
  async traverse(workId: string, direction: CitationDirection, maxDepth: CitationDepth, request: PageRequest<never, never>, maxNodes: number): Promise<WalkPage> {
    const order = traverseOrder(direction, maxDepth);
    const params = new SqlParams();
    const ctes = boundedWalkCtes(direction, params.add(workId, 'text'), maxDepth, params.add(maxNodes + 1, 'integer'));
    const keyset = request.after === undefined ? 'TRUE' : afterCursorSql(order, decodeCursor(order, request.after), params);
    const sql = `${ctes}
      SELECT t.id, t.depth, t.pred, ${keyColumnsSql(order)}, (SELECT count(*) FROM walk)::integer AS _visited
      FROM (SELECT * FROM walk ORDER BY depth, id COLLATE "C" LIMIT ${params.add(maxNodes, 'integer')}) t WHERE ${keyset}
      ORDER BY ${orderBySql(order)} LIMIT ${params.add(request.first + 1, 'integer')}`;
    const rows = await this.rows<{ id: string; depth: number; pred: string; _visited: number } & Record<string, unknown>>('citations.traverse', sql, params.values);
    let visited: Promise<number> | undefined = rows[0] === undefined ? undefined : Promise.resolve(rows[0]._visited);
    const count = () =>
      (visited ??= (async () => {
        const countParams = new SqlParams();
        const countCtes = boundedWalkCtes(direction, countParams.add(workId, 'text'), maxDepth, countParams.add(maxNodes + 1, 'integer'));
        const [row] = await this.rows<{ n: number }>('citations.traverseCount', `${countCtes} SELECT count(*)::integer AS n FROM walk`, countParams.values);
        return row?.n ?? 0;
      })());
    return {
      edges: rows.slice(0, request.first).map((row) => ({
        cursor: encodeCursor(order, row),
        node: { ...edgeOf(direction, row.id, row.pred), depth: row.depth },
      })),
      hasNextPage: rows.length > request.first,
      totalCount: async () => Math.min(await count(), maxNodes),
      totalCountCapped: async () => (await count()) > maxNodes,
    };
  }

  /** Two statements: the capped works (one recursive CTE, ordered and cut in SQL), then the citations among them. */
  async subgraph(workId: string, direction: SubgraphDirection, depth: SubgraphDepth, maxNodes: number): Promise<SubgraphRecord> {
    const params = new SqlParams();
    const sql = subgraphNodesSql(direction, params.add(workId, 'text'), params.add(depth, 'integer'), params.add(maxNodes, 'integer'));
    const rows = await this.rows<{ id: string; depth: number; cited_by_count: number; total: number }>('citations.subgraphNodes', sql, params.values);
    const nodes = rows.map((r) => ({ id: r.id, depth: r.depth, citedByCount: r.cited_by_count }));
    const edges = nodes.length === 0 ? [] : await this.rows<{ citing_id: string; cited_id: string }>('citations.subgraphEdges', SUBGRAPH_EDGES_SQL, [nodes.map((n) => n.id)]);
    return { nodes, edges: edges.map((e) => ({ citingId: e.citing_id, citedId: e.cited_id })), totalNodes: rows[0]?.total ?? 0 };
  }

  async coauthors(authorIds: readonly string[], request: PageRequest<never, never>): Promise<Page<CoauthorRecord>[]> {
    const params = new SqlParams();
    const ids = params.add(unique(authorIds), 'text[]');
    const having = request.after === undefined ? 'TRUE' : afterCursorSql(COAUTHOR_ORDER, decodeCursor(COAUTHOR_ORDER, request.after), params);
    const sql = coauthorsSql(ids, having, params.add(request.first + 1, 'integer'));
    const rows = await this.rows<{ _key: string; author_id: string; shared_works: number }>('citations.coauthors', sql, params.values);
    let totals: Promise<number[]> | undefined;
    return groupByKey(authorIds, rows, (r) => r._key).map((group, i) => ({
      edges: group.slice(0, request.first).map((row) => ({
        cursor: encodeCursor(COAUTHOR_ORDER, row),
        node: { authorId: row.author_id, sharedWorks: row.shared_works },
      })),
      hasNextPage: group.length > request.first,
      totalCount: async () => (await (totals ??= this.counts('citations.countCoauthors', COUNT_COAUTHORS_SQL, authorIds)))[i] ?? 0,
    }));
  }

  private async counts(operation: string, sql: string, workIds: readonly string[]): Promise<number[]> {
    const rows = await this.rows<{ id: string; n: number }>(operation, sql, [unique(workIds)]);
    return alignByKey(workIds, rows, (r) => r.id).map((r) => r?.n ?? 0);
  }

  /** One page per key; every page's `totalCount` is answered by one shared count of all keys, run on first use. */
  private pages(
    workIds: readonly string[],
    rows: readonly KeyedRow[],
    first: number,
    order: KeysetOrder,
    count: (ids: readonly string[]) => Promise<number[]>,
  ): Page<string>[] {
    let totals: Promise<number[]> | undefined;
    return groupByKey(workIds, rows, (r) => r._key).map((group, i) => ({
      edges: group.slice(0, first).map((row) => ({ cursor: encodeCursor(order, row), node: row.id })),
      hasNextPage: group.length > first,
      totalCount: async () => (await (totals ??= count(workIds)))[i] ?? 0,
    }));
  }

  private rows<Row extends object>(operation: string, sql: string, params: readonly SqlParam[]): Promise<Row[]> {
    return this.policy.execute(operation, () => this.db.query<Row>(sql, params));
  }
}


function unique(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}
