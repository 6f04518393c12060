import type { CatalogBatch, CatalogEntities } from './catalogWrite';
import type { StoreName } from '../../src/core/StoreName';

/**
 * How a batch is applied: `live` (the outbox relay: the store reflects the batch when `apply` resolves) or `bulk`
 * (the seed and `npm run reindex`, which call `completeBulk` at the end: a projection may defer work common to many
 * batches until then, such as recomputing a topic that every batch touches).
 */
export type ApplyMode = 'live' | 'bulk';

/**
 * A store that holds a projection of the catalog (Neo4j, InfluxDB, Elasticsearch). PostgreSQL is the source
 * of truth; a projection is rebuilt from it and must accept the same batch any number of times.
 */
export interface Projection {
  readonly store: StoreName;
  /** Creates constraints, indexes or mappings; idempotent. */
  ensureSchema(): Promise<void>;
  /** Applies what the batch wrote to the catalog; idempotent (upserts), safe to repeat. `mode` defaults to `live`. */
  apply(batch: CatalogBatch, mode?: ApplyMode): Promise<void>;
  /** Removes works deleted from the catalog; idempotent (removing a work that is not there is a no-op). */
  remove(workIds: readonly string[]): Promise<void>;
  /** Completes what `bulk` applies deferred (a no-op when nothing was); idempotent. */
  completeBulk?(): Promise<void>;
  /**
   * Writes these entity rows as the catalog stores them now (not sightings: nothing to fold them with), for a
   * projection that holds entities on their own, not only through the works naming them (Elasticsearch's
   * suggestions). A rebuild pages through every entity table into its target when the target has this method;
   * idempotent.
   */
  applyEntityRows?(entities: CatalogEntities): Promise<void>;
  /**
   * Starts a rebuild from the catalog (`npm run reindex`): answers where to write every work, and how to make what
   * was written the projection readers see. Called after `ensureSchema`. A rebuild in place awaits
   * `hooks.beforeEmptying` before it empties the projection (a separate one never calls it).
   */
  startRebuild(hooks?: RebuildHooks): Promise<ProjectionRebuild>;
  close(): Promise<void>;
}

/** What the caller of `startRebuild` is told before readers could see a change. */
export interface RebuildHooks {
  /** Awaited before an in-place rebuild empties the projection; if it rejects, nothing is emptied. */
  readonly beforeEmptying?: () => Promise<void>;
}

/** What a rebuild writes to: the projection's own write methods, in bulk mode. */
export type RebuildTarget = Pick<Projection, 'apply' | 'remove' | 'completeBulk' | 'applyEntityRows'>;

/**
 * A rebuild under way. Either `separate` (Elasticsearch): `target` is a new copy that readers and live writes do not
 * see, and `publish` makes it the projection in one atomic step — so live writes made meanwhile went to the old copy
 * and must be applied again after `publish`. Or in place (Neo4j, InfluxDB): the projection was emptied, `target` is
 * the projection itself, and `publish` does nothing.
 */
export interface ProjectionRebuild {
  readonly target: RebuildTarget;
  readonly separate: boolean;
  publish(): Promise<void>;
}

/**
 * The in-place rebuild of a projection that can only be emptied: awaits `hooks.beforeEmptying`, empties it (its
 * schema stays), writes to it.
 */
export async function rebuildInPlace(projection: Projection, reset: () => Promise<void>, hooks: RebuildHooks = {}): Promise<ProjectionRebuild> {
  await hooks.beforeEmptying?.();
  await reset();
  await projection.ensureSchema();
  return { target: projection, separate: false, publish: async () => undefined };
}
