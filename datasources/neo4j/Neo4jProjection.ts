import neo4j, { type Driver, type ManagedTransaction } from 'neo4j-driver';
import type { CatalogBatch } from '../writes/catalogWrite';
import { type ApplyMode, type Projection, type ProjectionRebuild, type RebuildHooks, rebuildInPlace } from '../writes/Projection';
import { type GraphRows, graphRowsOf, Neo4jBulkRows } from './Neo4jBulkRows';
import type { StorePolicy } from '../shared/StorePolicy';
import type { StoreName } from '../../src/core/StoreName';
import { CITED_BY_COUNT_INDEX } from './cypher';

/*
 * The citation graph model in Neo4j, a projection of the PostgreSQL catalog:
 *
 *   (:Work {id, loaded: true, citedByCount, publicationDate, title})   a loaded work (publicationDate: 'YYYY-MM-DD')
 *   (:Work {id})                                                        a stub: referenced, not loaded
 *   (:Author {id, displayName, complete})                               complete: from an OpenAlex Author record
 *   (:Author)-[:AUTHORED {position}]->(:Work)                           1-based byline position; a byline name OpenAlex
 *                                                                       could not attach to an author has no edge
 *   (:Work)-[:CITES {position}]->(:Work)                                1-based position in referenced_work_ids
 *
 * A referenced work that is not loaded is a stub without `loaded`, which every read ignores (`WHERE n.loaded`);
 * when it is loaded later, MERGE turns the stub into a full node and the edges citing it already exist.
 * Work.id and Author.id are unique (constraints from `ensureSchema`).
 */

/** Schema statements; idempotent. */
export const SCHEMA_CYPHER = [
  'CREATE CONSTRAINT work_id_unique IF NOT EXISTS FOR (w:Work) REQUIRE w.id IS UNIQUE',
  'CREATE CONSTRAINT author_id_unique IF NOT EXISTS FOR (a:Author) REQUIRE a.id IS UNIQUE',
  // A hub's citedBy page walks the works in citation order and probes each (Neo4jCitationGraph: citedByProbe).
  `CREATE RANGE INDEX ${CITED_BY_COUNT_INDEX} IF NOT EXISTS FOR (w:Work) ON (w.citedByCount)`,
] as const;

/** The statements of one batch, run in this order in one write transaction. */
export const APPLY_CYPHER = {
  works: `UNWIND $works AS x
MERGE (w:Work {id: x.id})
SET w.loaded = true, w.title = x.title, w.publicationDate = x.publicationDate, w.citedByCount = toInteger(x.citedByCount)`,
  // A complete Author record overwrites the name; a byline sighting never overwrites a complete author's name.
  authors: `UNWIND $authors AS x
MERGE (a:Author {id: x.id})
SET a.displayName = CASE WHEN x.complete OR NOT coalesce(a.complete, false) THEN x.displayName ELSE a.displayName END,
    a.complete = x.complete OR coalesce(a.complete, false)`,
  // A reloaded work keeps no stale reference; a stub nothing cites any more goes with its last edge.
  dropCites: `UNWIND $workIds AS id
MATCH (:Work {id: id})-[r:CITES]->(old:Work)
DELETE r
WITH DISTINCT old
WHERE old.loaded IS NULL AND NOT EXISTS { (old)--() }
DELETE old`,
  dropAuthored: `UNWIND $workIds AS id
MATCH (:Work {id: id})<-[r:AUTHORED]-(:Author)
DELETE r`,
  cites: `UNWIND $cites AS x
MATCH (w:Work {id: x.citingId})
MERGE (c:Work {id: x.citedId})
CREATE (w)-[:CITES {position: toInteger(x.position)}]->(c)`,
  authored: `UNWIND $authored AS x
MATCH (w:Work {id: x.workId})
MERGE (a:Author {id: x.authorId})
CREATE (a)-[:AUTHORED {position: toInteger(x.position)}]->(w)`,
} as const;

/**
 * The statements of a bulk transaction that differ from APPLY_CYPHER. Only loaded works have outgoing CITES or
 * incoming AUTHORED edges, so `loadedBefore` (run before `works`) names the only works `dropCites`/`dropAuthored` can
 * find anything for: into an empty graph, none, and both are skipped. The stubs are MERGEd once per distinct id, and
 * the relationships then drawn between nodes that exist (MATCH, CREATE): a MATCH and a MERGE of the same label in
 * one statement make the planner materialise every row first (an Eager operator), which the live `cites` pays.
 */
export const BULK_CYPHER = {
  loadedBefore: `UNWIND $workIds AS id
MATCH (w:Work {id: id})
WHERE w.loaded
RETURN id`,
  workStubs: `UNWIND $ids AS id
MERGE (:Work {id: id})`,
  authorStubs: `UNWIND $ids AS id
MERGE (:Author {id: id})`,
  // One row per work, its edges in lists: the work is looked up once, not once per edge.
  cites: `UNWIND $works AS x
MATCH (w:Work {id: x.id})
UNWIND range(0, size(x.ids) - 1) AS i
MATCH (c:Work {id: x.ids[i]})
CREATE (w)-[:CITES {position: toInteger(x.positions[i])}]->(c)`,
  authored: `UNWIND $works AS x
MATCH (w:Work {id: x.id})
UNWIND range(0, size(x.ids) - 1) AS i
MATCH (a:Author {id: x.ids[i]})
CREATE (a)-[:AUTHORED {position: toInteger(x.positions[i])}]->(w)`,
} as const;

/** Works and authors a bulk transaction gathers (from the seed's batches of 200) before it is written. */
export const BULK_TRANSACTION_RECORDS = 2000;

/**
 * Removing deleted works, after `dropCites` and `dropAuthored` for them: a work other works still cite becomes a
 * stub again (as in the catalog, where their references stay), one nothing cites goes.
 */
export const REMOVE_CYPHER = `UNWIND $workIds AS id
MATCH (w:Work {id: id})
REMOVE w.loaded, w.title, w.publicationDate, w.citedByCount
WITH w
WHERE NOT EXISTS { (w)--() }
DELETE w`;

/**
 * The chunks of a reset, each one transaction answering how many it deleted, repeated until none: first up to
 * RESET_CHUNK relationships of the model, then up to RESET_CHUNK of its nodes (by then without relationships). Deleting
 * nodes with DETACH DELETE would hold every relationship of the chunk's nodes in one transaction: 10,000 nodes of a
 * 100,000-work graph, hubs cited 31,000 times among them, passed Neo4j's transaction memory limit.
 */
export const RESET_CHUNK = 20_000;
export const RESET_CHUNK_CYPHER = {
  relationships: `MATCH ()-[r:CITES|AUTHORED]->()
WITH r LIMIT ${RESET_CHUNK}
DELETE r
RETURN count(*) AS deleted`,
  nodes: `MATCH (n) WHERE n:Work OR n:Author
WITH n LIMIT ${RESET_CHUNK}
DETACH DELETE n
RETURN count(*) AS deleted`,
} as const;

export interface Neo4jProjectionOptions {
  /** Database name; unset: the server's default (home) database. */
  readonly database?: string | undefined;
  /** Whether `close()` closes the driver (false when a factory shares it and closes it itself). */
  readonly ownsDriver?: boolean;
  /** Works and authors gathered per bulk transaction (default BULK_TRANSACTION_RECORDS). */
  readonly bulkTransactionRecords?: number;
}

/**
 * Projects catalog batches into the Neo4j citation graph (model above): one write transaction per batch, one
 * UNWIND statement per kind of change, under the store's policy. Idempotent: re-applying a batch leaves the
 * same nodes and relationships; re-applying a changed work replaces its outgoing CITES and its AUTHORED edges.
 * Bulk applies (the seed, a rebuild) are gathered and written BULK_TRANSACTION_RECORDS at a time with BULK_CYPHER,
 * leaving the same graph as one transaction per batch (Neo4jBulkRows): a full transaction is written in the
 * background while the next gathers (one at a time), and its failure is thrown by the next bulk apply or by
 * `completeBulk`, which writes what is still gathered. A live apply or a removal first completes the bulk applies; a
 * reset forgets what is gathered (after the transaction in the background).
 */
export class Neo4jProjection implements Projection {
  readonly store: StoreName = 'neo4j';
  private readonly gathered = new Neo4jBulkRows();
  /** The bulk transaction being written, if any (at most one: the next waits for it). */
  private writing: Promise<void> | undefined;

  constructor(
    private readonly driver: Pick<Driver, 'executeQuery' | 'session' | 'close'>,
    private readonly policy: StorePolicy,
    private readonly options: Neo4jProjectionOptions = {},
  ) {}

  async ensureSchema(): Promise<void> {
    for (const statement of SCHEMA_CYPHER) {
      await this.policy.execute('graph.ensureSchema', (signal) =>
        this.driver.executeQuery(statement, {}, { routing: neo4j.routing.WRITE, database: this.options.database, signal }),
      );
    }
  }

  async apply(batch: CatalogBatch, mode: ApplyMode = 'live'): Promise<void> {
    if (mode === 'bulk') {
      this.gathered.add(batch);
      if (this.gathered.size < (this.options.bulkTransactionRecords ?? BULK_TRANSACTION_RECORDS)) return;
      // Written in the background while the next batches gather; a failure is thrown by the next apply or completeBulk.
      await this.settleWriting();
      const rows = this.gathered.take();
      const writing = this.writeBulk(rows);
      writing.catch(() => undefined);
      this.writing = writing;
      return;
    }
    await this.completeBulk();
    const rows = graphRowsOf(batch);
    if (rows.works.length === 0 && rows.authors.length === 0) return;
    const workIds = rows.works.map((w) => w.id);
    await this.write('graph.apply', async (tx) => {
      await tx.run(APPLY_CYPHER.works, { works: rows.works });
      await tx.run(APPLY_CYPHER.authors, { authors: rows.authors });
      await tx.run(APPLY_CYPHER.dropCites, { workIds });
      await tx.run(APPLY_CYPHER.dropAuthored, { workIds });
      await tx.run(APPLY_CYPHER.cites, { cites: rows.cites });
      await tx.run(APPLY_CYPHER.authored, { authored: rows.authored });
    });
  }

  /** Writes the bulk applies gathered so far (after the one in the background), in one transaction (BULK_CYPHER). */
  async completeBulk(): Promise<void> {
    await this.settleWriting();
    if (this.gathered.size === 0) return;
    await this.writeBulk(this.gathered.take());
  }

  /** Waits for the bulk transaction in the background, if any, and throws its failure. */
  private async settleWriting(): Promise<void> {
    const writing = this.writing;
    this.writing = undefined;
    await writing;
  }

  async remove(workIds: readonly string[]): Promise<void> {
    if (workIds.length === 0) return;
    await this.completeBulk();
    await this.write('graph.remove', async (tx) => {
      await tx.run(APPLY_CYPHER.dropCites, { workIds });
      await tx.run(APPLY_CYPHER.dropAuthored, { workIds });
      await tx.run(REMOVE_CYPHER, { workIds });
    });
  }

  /**
   * Rebuilt in place: emptied (its schema stays), then written again, so a reader would see it fill meanwhile
   * (`npm run reindex` marks the store first, and readers answer from PostgreSQL until it is rebuilt).
   */
  startRebuild(hooks?: RebuildHooks): Promise<ProjectionRebuild> {
    return rebuildInPlace(this, () => this.reset(), hooks);
  }

  /** Empties the projection. */
  async reset(): Promise<void> {
    await this.settleWriting().catch(() => undefined); // emptied next: what it wrote, or failed to, is gone either way
    this.gathered.clear();
    // In chunks: one transaction deleting a large graph would need its whole size in memory.
    for (const cypher of [RESET_CHUNK_CYPHER.relationships, RESET_CHUNK_CYPHER.nodes]) {
      for (;;) {
        const { records } = await this.policy.execute('graph.reset', (signal) =>
          this.driver.executeQuery(cypher, {}, { routing: neo4j.routing.WRITE, database: this.options.database, signal }),
        );
        if (Number(records[0]?.get('deleted') ?? 0) === 0) break;
      }
    }
  }

  async close(): Promise<void> {
    if (this.options.ownsDriver) await this.driver.close();
  }

  private async writeBulk(rows: GraphRows): Promise<void> {
    const workIds = rows.works.map((w) => w.id);
    const loaded = new Set(workIds);
    const workStubs = [...new Set(rows.cites.map((c) => c.citedId))].filter((id) => !loaded.has(id));
    const named = new Set(rows.authors.map((a) => a.id));
    const authorStubs = rows.authorIds.filter((id) => !named.has(id));
    await this.write('graph.apply', async (tx) => {
      const before = await tx.run(BULK_CYPHER.loadedBefore, { workIds });
      const reloaded = before.records.map((r) => r.get('id') as string);
      await tx.run(APPLY_CYPHER.works, { works: rows.works });
      await tx.run(APPLY_CYPHER.authors, { authors: rows.authors });
      if (reloaded.length > 0) {
        await tx.run(APPLY_CYPHER.dropCites, { workIds: reloaded });
        await tx.run(APPLY_CYPHER.dropAuthored, { workIds: reloaded });
      }
      await tx.run(BULK_CYPHER.workStubs, { ids: workStubs });
      await tx.run(BULK_CYPHER.authorStubs, { ids: authorStubs });
      await tx.run(BULK_CYPHER.cites, { works: byWork(rows.cites, (c) => c.citingId, (c) => c.citedId) });
      await tx.run(BULK_CYPHER.authored, { works: byWork(rows.authored, (a) => a.workId, (a) => a.authorId) });
    });
  }

  /** Runs `work` in one write transaction under the policy; an attempt that times out closes its session. */
  private write(operation: string, work: (tx: ManagedTransaction) => Promise<void>): Promise<void> {
    return this.policy.execute(operation, async (signal) => {
      const session = this.driver.session({ defaultAccessMode: neo4j.session.WRITE, database: this.options.database });
      const abort = () => void session.close();
      signal.addEventListener('abort', abort);
      try {
        await session.executeWrite(work);
      } finally {
        signal.removeEventListener('abort', abort);
        await session.close();
      }
    });
  }
}

/** Edge rows grouped by their work (a work's rows are adjacent, in order): one row per work, the other ends and positions as lists. */
function byWork<T extends { readonly position: number }>(rows: readonly T[], workOf: (row: T) => string, otherOf: (row: T) => string): { id: string; ids: string[]; positions: number[] }[] {
  const out: { id: string; ids: string[]; positions: number[] }[] = [];
  let current: { id: string; ids: string[]; positions: number[] } | undefined;
  for (const row of rows) {
    if (current?.id !== workOf(row)) {
      current = { id: workOf(row), ids: [], positions: [] };
      out.push(current);
    }
    current.ids.push(otherOf(row));
    current.positions.push(row.position);
  }
  return out;
}
