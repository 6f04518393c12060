import type { StoreName } from '../src/core/StoreName';

/** One store as the `gateway` query reports it: whether it is configured and which backend answers for it. */
export interface StoreDescription {
  readonly store: StoreName;
  readonly configured: boolean;
  /** `postgresql`, `pglite`, `redis`, `lru`, `neo4j`, `influxdb` or `elasticsearch`. */
  readonly backend: string;
}
