/** The stores the gateway talks to, in the order every listing shows them (PostgreSQL, the source of truth, first). */
export const STORE_NAMES = ['postgres', 'redis', 'neo4j', 'influxdb', 'elasticsearch'] as const;

/** One of the stores the gateway talks to. */
export type StoreName = (typeof STORE_NAMES)[number];

/** The stores that hold a projection of the catalog (kept in step by the outbox relay). */
export type ProjectionStoreName = Exclude<StoreName, 'postgres' | 'redis'>;
