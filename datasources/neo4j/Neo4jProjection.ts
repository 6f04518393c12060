import neo4j, { type Driver, type ManagedTransaction } from 'neo4j-driver';
import { lastById, mergeAuthors } from '../writes/catalogBatchRows';
import type { CatalogBatch, WorkWrite } from '../writes/catalogWrite';
import { type Projection, type ProjectionRebuild, rebuildInPlace } from '../writes/Projection';
import type { StorePolicy } from '../shared/StorePolicy';
import type { StoreName } from '../../src/core/StoreName';

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
 * Removing deleted works, after `dropCites` and `dropAuthored` for them: a work other works still cite becomes a
 * stub again (as in the catalog, where their references stay), one nothing cites goes.
 */
export const REMOVE_CYPHER = `UNWIND $workIds AS id
MATCH (w:Work {id: id})
REMOVE w.loaded, w.title, w.publicationDate, w.citedByCount
WITH w
WHERE NOT EXISTS { (w)--() }
DELETE w`;

/** One chunk of a reset: deletes up to 10,000 nodes of the model with their relationships; answers how many. */
export const RESET_CHUNK_CYPHER = `MATCH (n) WHERE n:Work OR n:Author
WITH n LIMIT 10000
DETACH DELETE n
RETURN count(*) AS deleted`;

export interface Neo4jProjectionOptions {
  /** Database name; unset: the server's default (home) database. */
  readonly database?: string | undefined;
  /** Whether `close()` closes the driver (false when a factory shares it and closes it itself). */
  readonly ownsDriver?: boolean;
}

/**
 * Projects catalog batches into the Neo4j citation graph (model above): one write transaction per batch, one
 * UNWIND statement per kind of change, under the store's policy. Idempotent: re-applying a batch leaves the
 * same nodes and relationships; re-applying a changed work replaces its outgoing CITES and its AUTHORED edges.
 */
export class Neo4jProjection implements Projection {
  readonly store: StoreName = 'neo4j';

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

  async apply(batch: CatalogBatch): Promise<void> {
    const works = lastById(batch.works);
    const authors = mergeAuthors(batch.authors);
    if (works.length === 0 && authors.length === 0) return;
    const params = {
      works: works.map((w) => ({ id: w.id, title: w.title, publicationDate: w.publicationDate, citedByCount: w.citedByCount })),
      authors: authors.map((a) => ({ id: a.id, displayName: a.displayName, complete: a.complete })),
      workIds: works.map((w) => w.id),
      cites: works.flatMap(citesOf),
      authored: works.flatMap(authoredOf),
    };
    await this.write('graph.apply', async (tx) => {
      await tx.run(APPLY_CYPHER.works, { works: params.works });
      await tx.run(APPLY_CYPHER.authors, { authors: params.authors });
      await tx.run(APPLY_CYPHER.dropCites, { workIds: params.workIds });
      await tx.run(APPLY_CYPHER.dropAuthored, { workIds: params.workIds });
      await tx.run(APPLY_CYPHER.cites, { cites: params.cites });
      await tx.run(APPLY_CYPHER.authored, { authored: params.authored });
    });
  }

  async remove(workIds: readonly string[]): Promise<void> {
    if (workIds.length === 0) return;
    await this.write('graph.remove', async (tx) => {
      await tx.run(APPLY_CYPHER.dropCites, { workIds });
      await tx.run(APPLY_CYPHER.dropAuthored, { workIds });
      await tx.run(REMOVE_CYPHER, { workIds });
    });
  }

  /** Rebuilt in place: emptied (its schema stays), then written again; readers see it fill meanwhile. */
  startRebuild(): Promise<ProjectionRebuild> {
    return rebuildInPlace(this, () => this.reset());
  }

  /** Empties the projection. */
  async reset(): Promise<void> {
    // In chunks: one transaction deleting a large graph would need its whole size in memory.
    for (;;) {
      const { records } = await this.policy.execute('graph.reset', (signal) =>
        this.driver.executeQuery(RESET_CHUNK_CYPHER, {}, { routing: neo4j.routing.WRITE, database: this.options.database, signal }),
      );
      if (Number(records[0]?.get('deleted') ?? 0) === 0) return;
    }
  }

  async close(): Promise<void> {
    if (this.options.ownsDriver) await this.driver.close();
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

/** CITES edges of a work: each referenced id once, at the 1-based position of its first mention. */
function citesOf(work: WorkWrite): { citingId: string; citedId: string; position: number }[] {
  const seen = new Set<string>();
  const out: { citingId: string; citedId: string; position: number }[] = [];
  work.referencedWorkIds.forEach((citedId, i) => {
    if (seen.has(citedId)) return;
    seen.add(citedId);
    out.push({ citingId: work.id, citedId, position: i + 1 });
  });
  return out;
}

/** AUTHORED edges of a work: one per byline entry that names an author (unattached names have none). */
function authoredOf(work: WorkWrite): { workId: string; authorId: string; position: number }[] {
  return work.authorships.flatMap((a) => (a.authorId === null ? [] : [{ workId: work.id, authorId: a.authorId, position: a.position }]));
}
