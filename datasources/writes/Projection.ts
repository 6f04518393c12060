import type { CatalogBatch } from './catalogWrite';
import type { StoreName } from '../../src/core/StoreName';

/**
 * A store that holds a projection of the catalog (Neo4j, InfluxDB, Elasticsearch). PostgreSQL is the source
 * of truth; a projection is rebuilt from it and must accept the same batch any number of times.
 */
export interface Projection {
  readonly store: StoreName;
  /** Creates constraints, indexes or mappings; idempotent. */
  ensureSchema(): Promise<void>;
  /** Applies what the batch wrote to the catalog; idempotent (upserts), safe to repeat. */
  apply(batch: CatalogBatch): Promise<void>;
  /** Removes works deleted from the catalog; idempotent (removing a work that is not there is a no-op). */
  remove(workIds: readonly string[]): Promise<void>;
  /** Empties the projection (its schema stays), before a rebuild from the catalog (`npm run reindex`). */
  reset(): Promise<void>;
  close(): Promise<void>;
}
