import type { Logger } from '../../src/core/logger';
import type { Cache } from '../cache/Cache';
import type { HotEntities } from '../cache/HotEntities';
import { CachedListTotals } from '../cache/CachedListTotals';
import type { OpenedStore } from '../OpenedStore';
import { StorePolicy, type StorePolicyOptions } from '../shared/StorePolicy';
import { isTransientPgError } from './isTransientPgError';
import { migrate } from './migrate';
import { PgliteExecutor } from './PgliteExecutor';
import { PgPoolExecutor } from './PgPoolExecutor';
import { PostgresArticleWriter } from './PostgresArticleWriter';
import { PostgresCatalog } from './PostgresCatalog';
import { PostgresCatalogSnapshot } from './PostgresCatalogSnapshot';
import { COPY_BATCH_TIMEOUT_MS, PostgresCatalogWriter } from './PostgresCatalogWriter';
import { PostgresCitationGraph } from './PostgresCitationGraph';
import { PostgresOutbox } from './PostgresOutbox';
import { PostgresChangeTraces } from './PostgresChangeTraces';
import { PostgresRebuildMarks } from './PostgresRebuildMarks';
import { PostgresSearchIndex } from './PostgresSearchIndex';
import { PostgresSubjectTrendTotals } from './PostgresSubjectTrendTotals';
import { PostgresTrendStore } from './PostgresTrendStore';
import { restoreAfterBulkLoad } from './sql/bulkLoadSql';
import { postgresHealth } from './postgresHealth';
import type { SqlExecutor } from './SqlExecutor';

export interface PostgresConfig {
  /** DATABASE_URL; unset: embedded PGlite under `dataDir`. */
  readonly url: string | undefined;
  readonly dataDir: string;
  /** PG_PREPARED_STATEMENTS: distinct read statements each connection may keep prepared (default 0: none). */
  readonly preparedStatements?: number;
}

export interface OpenPostgresOptions {
  /** The cross-request cache the catalog reads through. */
  readonly cache: Cache;
  /** Decoded entities of `cache` kept in this process (CACHE_HOT_BYTES). */
  readonly hot?: HotEntities;
  /** Tuning of the policies (bulkhead limits). */
  readonly policy?: Partial<StorePolicyOptions>;
  /** Wraps the SQL executor (tests count statements or fail them through it). */
  readonly wrapSql?: (sql: SqlExecutor) => SqlExecutor;
}

/** The source of truth: the catalog, its writers and outbox, and the capabilities PostgreSQL answers when no projection store does. */
export interface PostgresStores extends OpenedStore {
  readonly catalog: PostgresCatalog;
  readonly catalogWriter: PostgresCatalogWriter;
  readonly articleWriter: PostgresArticleWriter;
  readonly outbox: PostgresOutbox;
  /** What a sync token's status is read from (the outbox record and the work's version). */
  readonly changeTraces: PostgresChangeTraces;
  readonly snapshot: PostgresCatalogSnapshot;
  /** The projections being rebuilt in place (migration 015), which readers then answer from PostgreSQL. */
  readonly rebuildMarks: PostgresRebuildMarks;
  /** Recursive SQL over the catalog's references. */
  readonly citations: PostgresCitationGraph;
  /** SQL aggregation over the catalog. */
  readonly trends: PostgresTrendStore;
  /** Subjects' trend totals and the queue of subjects to recompute (migration 008), for the InfluxDB projection. */
  readonly trendTotals: PostgresSubjectTrendTotals;
  /** PostgreSQL full-text search. */
  readonly search: PostgresSearchIndex;
}

/** Per-attempt bound of one trend recomputation round (its statements, and the InfluxDB writes inside it). */
const TREND_ROUND_TIMEOUT_MS = 300_000;

/**
 * Connects to PostgreSQL at `url` or opens embedded PGlite under `dataDir`, applies the catalog migrations and
 * rebuilds what an interrupted bulk load left dropped (sql/bulkLoadSql.ts).
 * Reads get a policy with retries; a mutation's transaction is never retried (if its COMMIT's answer is lost, a
 * retry could apply it twice).
 */
export async function openPostgres(config: PostgresConfig, logger: Logger, options: OpenPostgresOptions): Promise<PostgresStores> {
  const pool = config.url ? new PgPoolExecutor(config.url, { preparedStatements: config.preparedStatements ?? 0 }) : undefined;
  const raw: SqlExecutor = pool ?? (await PgliteExecutor.open(config.dataDir));
  const sql = options.wrapSql ? options.wrapSql(raw) : raw;
  const applied = await migrate(sql);
  if (applied.length > 0) logger.info({ applied, backend: sql.backend }, 'catalog migrations applied');
  // A seed killed while its bulk load had the indexes and foreign keys set aside left a record of them: rebuild them now.
  const restored = await sql.transaction((tx) => restoreAfterBulkLoad(tx));
  if (restored > 0) logger.warn({ restored }, 'indexes and foreign keys an interrupted bulk load had dropped were rebuilt');
  const policy = new StorePolicy('postgres', isTransientPgError, options.policy);
  const writePolicy = new StorePolicy('postgres', isTransientPgError, { ...options.policy, maxAttempts: 1 });
  // A recomputation round holds its transaction while InfluxDB is written; its caller retries (rounds are idempotent).
  const trendTotalsPolicy = new StorePolicy('postgres', isTransientPgError, { ...options.policy, maxAttempts: 1, timeoutMs: TREND_ROUND_TIMEOUT_MS });
  const totals = new CachedListTotals(options.cache, options.hot);
  return {
    catalog: new PostgresCatalog(sql, options.cache, policy, totals, options.hot),
    // Bulk writes go through COPY on real PostgreSQL (PGlite has no COPY FROM STDIN); a wrapped executor (tests
    // counting or failing statements) keeps every write on the parameterised path it sees.
    catalogWriter: new PostgresCatalogWriter(
      sql,
      policy,
      pool && !options.wrapSql
        ? { executor: pool, policy: new StorePolicy('postgres', isTransientPgError, { ...options.policy, maxAttempts: 1, timeoutMs: COPY_BATCH_TIMEOUT_MS }) }
        : undefined,
    ),
    articleWriter: new PostgresArticleWriter(sql, writePolicy),
    outbox: new PostgresOutbox(sql, policy),
    changeTraces: new PostgresChangeTraces(sql, policy),
    snapshot: new PostgresCatalogSnapshot(sql, policy),
    rebuildMarks: new PostgresRebuildMarks(sql, policy),
    citations: new PostgresCitationGraph(sql, policy),
    trends: new PostgresTrendStore(sql, policy),
    trendTotals: new PostgresSubjectTrendTotals(sql, trendTotalsPolicy),
    search: new PostgresSearchIndex(sql, policy),
    health: postgresHealth(sql, [policy]),
    describe: () => ({ store: 'postgres', configured: config.url !== undefined, backend: sql.backend }),
    close: () => {
      totals.release();
      return sql.close();
    },
  };
}
