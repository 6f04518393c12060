import type { Cache } from '../datasources/cache/Cache';
import { LruCache } from '../datasources/cache/LruCache';
import { RedisCache } from '../datasources/cache/RedisCache';
import type { CatalogReader } from '../datasources/CatalogReader';
import type { CatalogWriter } from '../datasources/catalogWrite';
import { isTransientPgError } from '../datasources/postgres/isTransientPgError';
import { migrate } from '../datasources/postgres/migrate';
import { PgliteExecutor } from '../datasources/postgres/PgliteExecutor';
import { PgPoolExecutor } from '../datasources/postgres/PgPoolExecutor';
import { PostgresCatalog } from '../datasources/postgres/PostgresCatalog';
import { PostgresCatalogWriter } from '../datasources/postgres/PostgresCatalogWriter';
import type { SqlExecutor } from '../datasources/postgres/SqlExecutor';
import { StorePolicy } from '../datasources/shared/StorePolicy';
import type { Config } from './config';
import type { Logger } from './logger';

/** The datasources of one gateway process, built from the configuration, and how to close them. */
export interface Stores {
  readonly catalog: CatalogReader;
  readonly catalogWriter: CatalogWriter;
  readonly cache: Cache;
  readonly sql: SqlExecutor;
  close(): Promise<void>;
}

export interface OpenStoresOptions {
  /** Wraps the SQL executor (tests count statements through it). */
  readonly wrapSql?: (sql: SqlExecutor) => SqlExecutor;
}

/**
 * Connects to the configured stores: PostgreSQL at DATABASE_URL or embedded PGlite under DATA_DIR, Redis at
 * REDIS_URL or an in-process LRU; applies the catalog migrations.
 */
export async function openStores(config: Config, logger: Logger, options: OpenStoresOptions = {}): Promise<Stores> {
  const raw: SqlExecutor = config.postgres.url ? new PgPoolExecutor(config.postgres.url) : await PgliteExecutor.open(config.postgres.dataDir);
  const sql = options.wrapSql ? options.wrapSql(raw) : raw;
  const applied = await migrate(sql);
  if (applied.length > 0) logger.info({ applied, backend: sql.backend }, 'catalog migrations applied');
  let cache: Cache = new LruCache();
  if (config.redis) {
    const redis = new RedisCache(config.redis.url, logger);
    if (!(await redis.waitUntilReady())) logger.warn({ store: 'redis' }, 'redis is not answering yet; reads go to the database until it does');
    cache = redis;
  }
  const policy = new StorePolicy('postgres', isTransientPgError);
  return {
    catalog: new PostgresCatalog(sql, cache, policy),
    catalogWriter: new PostgresCatalogWriter(sql, policy),
    cache,
    sql,
    close: async () => {
      await cache.close();
      await sql.close();
    },
  };
}
