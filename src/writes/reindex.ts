import { CATALOG_ENTITY_KINDS, type CatalogSnapshot } from '../../datasources/CatalogSnapshot';
import type { CatalogEntities } from '../../datasources/writes/catalogWrite';
import type { ApplyMode, Projection, ProjectionRebuild, RebuildTarget } from '../../datasources/writes/Projection';
import { REBUILD_SETTLE_MS, type RebuildMarks } from '../../datasources/writes/RebuildMarks';
import type { StoreName } from '../core/StoreName';

/** What a rebuild did, per store. */
export interface ReindexReport {
  readonly store: StoreName;
  readonly works: number;
  /** Works changed or deleted while the rebuild ran, re-applied (or removed) at its end. */
  readonly reconciled: number;
  /**
   * Entity rows (authors, institutions, sources, topics) written from the entity tables themselves; absent for a
   * store that holds entities only through the works naming them (Neo4j, InfluxDB).
   */
  readonly entities?: number;
  readonly ms: number;
}

export interface ReindexOptions {
  /** Works per page (default 500). */
  readonly batchSize?: number;
  /** Entity rows per page of an entity table (default 2,000: a suggestion document is a few short fields). */
  readonly entityBatchSize?: number;
  readonly onProgress?: (store: StoreName, works: number) => void;
  /**
   * Where a projection rebuilt in place is marked before it is emptied, and cleared once it is rebuilt: every
   * gateway answers a marked store's capability from PostgreSQL. Unset: nothing is marked, and readers see the
   * store fill.
   */
  readonly marks?: RebuildMarks;
  /** Milliseconds between marking a store and emptying it (default REBUILD_SETTLE_MS: every reader has seen the mark). */
  readonly settleMs?: number;
  /** Told when the rebuild of a marked store failed: its mark stays, so readers keep answering from PostgreSQL. */
  readonly onMarkLeft?: (store: StoreName, error: unknown) => void;
}

/**
 * Rebuilds each projection from the catalog: starts its rebuild (`startRebuild`: a new copy beside the live one for
 * Elasticsearch, the projection emptied for Neo4j and InfluxDB), then pages through every work (byte order of ids)
 * and applies them to the rebuild's target in batches. A target that holds entities on their own (`applyEntityRows`:
 * Elasticsearch's suggestions) then gets every row of every entity table, paged by id — also the entities no work
 * names (an institution or source known only from its own record or an author's). Writes may go on meanwhile: a work changed or deleted after
 * the rebuild started may have been read before the change, so at the end every work written since the start is
 * applied again and every work the rebuild wrote that no longer exists is removed ("reconciling"). Batches are
 * applied in bulk mode, completed at the end (InfluxDB recomputes each subject once there). Then the rebuild is
 * published; a separate copy missed the live writes made meanwhile (the outbox relay wrote them to the old copy),
 * including those after the first reconciling, so it is reconciled once more after the swap, through the live
 * projection — every catalog write committed before that second read is in it, and every later one reaches it
 * through the relay. A projection rebuilt in place is marked in `options.marks` before it is emptied (then the
 * rebuild waits `settleMs`, until every reader answers from PostgreSQL), and its mark cleared only once it is
 * published and reconciled; a failure leaves the mark. Stores are rebuilt at the same time, each on its own (its
 * own paging of the catalog), so a rebuild of every store takes as long as its slowest store; when one fails the
 * others still finish, then the first failure is thrown.
 */
export async function reindexProjections(snapshot: CatalogSnapshot, projections: readonly Projection[], options: ReindexOptions = {}): Promise<ReindexReport[]> {
  const outcomes = await Promise.allSettled(projections.map((projection) => rebuildOne(snapshot, projection, options)));
  const failed = outcomes.find((o) => o.status === 'rejected');
  if (failed) throw failed.reason;
  return outcomes.map((o) => (o as PromiseFulfilledResult<ReindexReport>).value);
}

/** One store's rebuild (reindexProjections). */
async function rebuildOne(snapshot: CatalogSnapshot, projection: Projection, options: ReindexOptions): Promise<ReindexReport> {
  const started = Date.now();
  const since = await snapshot.now();
  await projection.ensureSchema();
  const { marks } = options;
  let marked = false;
  const beforeEmptying = async (): Promise<void> => {
    await marks?.mark(projection.store);
    marked = true;
    await sleep(options.settleMs ?? REBUILD_SETTLE_MS);
  };
  try {
    // Emptying may fail half-way: from the mark on, any failure leaves it.
    const rebuild = await projection.startRebuild(marks ? { beforeEmptying } : {});
    const report = await fill(snapshot, projection, rebuild, since, options);
    if (marked) await marks?.clear(projection.store);
    return { ...report, ms: Date.now() - started };
  } catch (err) {
    if (marked) options.onMarkLeft?.(projection.store, err);
    throw err;
  }
}

/** Writes every work (and entity row) to a started rebuild, reconciles, publishes (rebuildOne). */
async function fill(snapshot: CatalogSnapshot, projection: Projection, rebuild: ProjectionRebuild, since: Date, options: ReindexOptions): Promise<Omit<ReindexReport, 'ms'>> {
  const batchSize = options.batchSize ?? 500;
  const written: string[] = [];
  for (let after = ''; ; ) {
    const ids = await snapshot.workIdsAfter(after, batchSize);
    if (ids.length === 0) break;
    const { batch } = await snapshot.batchForWorks(ids);
    await rebuild.target.apply(batch, 'bulk');
    written.push(...batch.works.map((w) => w.id));
    options.onProgress?.(projection.store, written.length);
    after = ids[ids.length - 1] as string;
  }
  const entities = rebuild.target.applyEntityRows === undefined ? undefined : await copyEntities(snapshot, rebuild.target, options.entityBatchSize ?? 2_000);
  const reconciled = new Set<string>();
  const removed = new Set<string>();
  const first = await reconcile(snapshot, rebuild.target, 'bulk', since, written, batchSize);
  await rebuild.target.completeBulk?.();
  await rebuild.publish();
  const passes = [first];
  if (rebuild.separate) passes.push(await reconcile(snapshot, projection, 'live', since, [...written, ...first.reapplied], batchSize));
  for (const pass of passes) {
    for (const id of pass.reapplied) reconciled.add(id);
    for (const id of pass.removed) {
      reconciled.add(id);
      removed.add(id);
    }
  }
  const works = written.filter((id) => !removed.has(id)).length;
  return { store: projection.store, works, reconciled: reconciled.size, ...(entities === undefined ? {} : { entities }) };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Every row of every entity table, `limit` at a time in each table's key order, written to `target`; answers how many. */
async function copyEntities(snapshot: CatalogSnapshot, target: RebuildTarget, limit: number): Promise<number> {
  let copied = 0;
  for (const kind of CATALOG_ENTITY_KINDS) {
    for (let after = ''; ; ) {
      const page = await snapshot.entitiesAfter(kind, after, limit);
      const ids = entityIds(page);
      if (ids.length === 0) break;
      await target.applyEntityRows?.(page);
      copied += ids.length;
      after = ids[ids.length - 1] as string;
    }
  }
  return copied;
}

/** The ids of a page of entity rows, in its order (a page holds one kind). */
const entityIds = (page: CatalogEntities): string[] => [...page.authors, ...page.institutions, ...page.sources, ...page.topics].map((e) => e.id);

/** What one reconciling pass did: the works it applied again and those it removed. */
interface Reconciled {
  readonly reapplied: readonly string[];
  readonly removed: readonly string[];
}

/**
 * Applies again to `target` every work written since `since` (removing those deleted before they were re-read), and
 * removes every work of `written` that no longer exists.
 */
async function reconcile(snapshot: CatalogSnapshot, target: RebuildTarget, mode: ApplyMode, since: Date, written: readonly string[], batchSize: number): Promise<Reconciled> {
  const changed = await snapshot.workIdsChangedSince(since);
  const removed: string[] = [];
  for (let i = 0; i < changed.length; i += batchSize) {
    const { batch, missing } = await snapshot.batchForWorks(changed.slice(i, i + batchSize));
    await target.apply(batch, mode);
    await target.remove(missing);
    removed.push(...missing);
  }
  const unique = [...new Set(written)];
  for (let i = 0; i < unique.length; i += batchSize) {
    const chunk = unique.slice(i, i + batchSize);
    const existing = await snapshot.existingWorkIds(chunk);
    const gone = chunk.filter((id) => !existing.has(id));
    await target.remove(gone);
    removed.push(...gone);
  }
  const gone = new Set(removed);
  return { reapplied: changed.filter((id) => !gone.has(id)), removed };
}
