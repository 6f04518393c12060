import type { CatalogBatch } from './catalogWrite';
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
  /** Empties the projection (its schema stays), before a rebuild from the catalog (`npm run reindex`). */
  reset(): Promise<void>;
  close(): Promise<void>;
}
