import type { Cache } from '../datasources/cache/Cache';
import { CachedCitationCounts } from '../datasources/cache/CachedCitationCounts';
import { CachedTrendStore } from '../datasources/cache/CachedTrendStore';
import { LruCache } from '../datasources/cache/LruCache';
import { RedisCache } from '../datasources/cache/RedisCache';
import type { CatalogReader } from '../datasources/CatalogReader';
import type { ArticleWriter } from '../datasources/writes/articleWrite';
import type { CatalogSnapshot } from '../datasources/CatalogSnapshot';
import type { CatalogWriter } from '../datasources/writes/catalogWrite';
import type { Outbox } from '../datasources/writes/Outbox';
import { PostgresArticleWriter } from '../datasources/postgres/PostgresArticleWriter';
import { PostgresCatalogSnapshot } from '../datasources/postgres/PostgresCatalogSnapshot';
import { PostgresOutbox } from '../datasources/postgres/PostgresOutbox';
import type { CitationGraph } from '../datasources/CitationGraph';
import type { HealthProbe } from '../datasources/HealthProbe';
import type { StoreDescription } from '../datasources/StoreDescription';
import { redisHealth } from '../datasources/cache/redisHealth';
import { postgresHealth } from '../datasources/postgres/postgresHealth';
import { openElasticsearch } from '../datasources/elasticsearch/openElasticsearch';
import { openInflux } from '../datasources/influxdb/openInflux';
import { openNeo4j } from '../datasources/neo4j/openNeo4j';
import { PostgresCitationGraph } from '../datasources/postgres/PostgresCitationGraph';
import { PostgresSearchIndex } from '../datasources/postgres/PostgresSearchIndex';
import { PostgresTrendStore } from '../datasources/postgres/PostgresTrendStore';
import type { Projection } from '../datasources/writes/Projection';
import type { SearchIndex } from '../datasources/SearchIndex';
import type { TrendStore } from '../datasources/TrendStore';
import { isTransientPgError } from '../datasources/postgres/isTransientPgError';
import { migrate } from '../datasources/postgres/migrate';
import { PgliteExecutor } from '../datasources/postgres/PgliteExecutor';
import { PgPoolExecutor } from '../datasources/postgres/PgPoolExecutor';
import { PostgresCatalog } from '../datasources/postgres/PostgresCatalog';
import { PostgresCatalogWriter } from '../datasources/postgres/PostgresCatalogWriter';
import type { SqlExecutor } from '../datasources/postgres/SqlExecutor';
import { StorePolicy, type StorePolicyOptions } from '../datasources/shared/StorePolicy';
import type { Config } from './config';
import { gatewayMetrics } from './core/metrics';
import type { Logger } from './core/logger';
import { errorMessage } from './core/errorMessage';

/** The datasources of one gateway process, built from the configuration, and how to close them. */
export interface Stores {
  readonly catalog: CatalogReader;
  readonly catalogWriter: CatalogWriter;
  /** Article mutations: the article and its outbox record in one PostgreSQL transaction. */
  readonly articleWriter: ArticleWriter;
  readonly outbox: Outbox;
  /** The catalog read back as projection batches (outbox relay, reindex). */
  readonly snapshot: CatalogSnapshot;
  /** Neo4j when NEO4J_URL is set, else recursive SQL over the catalog. */
  readonly citations: CitationGraph;
  /** InfluxDB when INFLUX_URL is set, else SQL aggregation over the catalog. */
  readonly trends: TrendStore;
  /** Elasticsearch when ELASTICSEARCH_URL is set, else PostgreSQL full-text search. */
  readonly search: SearchIndex;
  /** The configured projection stores, which the seed CLI (and later the outbox relay) keeps in step. */
  readonly projections: readonly Projection[];
  readonly cache: Cache;
  readonly sql: SqlExecutor;
  /** One readiness probe per configured store (PostgreSQL first), for /ready. */
  readonly health: readonly HealthProbe[];
  /** Each store, configured or not, and the backend answering for it (the `gateway` query). */
  describe(): StoreDescription[];
  close(): Promise<void>;
}

export interface OpenStoresOptions {
  /** Wraps the SQL executor (tests count statements through it). */
  readonly wrapSql?: (sql: SqlExecutor) => SqlExecutor;
}

/**
 * Connects to the configured stores: PostgreSQL at DATABASE_URL or embedded PGlite under DATA_DIR, Redis at
 * REDIS_URL or an in-process LRU; applies the catalog migrations. Each capability (citations, trends,
 * search) is served by its own store when configured and by PostgreSQL otherwise. A projection store that is
 * down at start is logged, not fatal: the rest of the API answers, and its schema is created on the next seed.
 */
export async function openStores(config: Config, logger: Logger, options: OpenStoresOptions = {}): Promise<Stores> {
  const raw: SqlExecutor = config.postgres.url ? new PgPoolExecutor(config.postgres.url) : await PgliteExecutor.open(config.postgres.dataDir);
  const sql = options.wrapSql ? options.wrapSql(raw) : raw;
  const applied = await migrate(sql);
  if (applied.length > 0) logger.info({ applied, backend: sql.backend }, 'catalog migrations applied');
  // Each store policy gets its own bulkhead with these limits.
  const limits: Partial<StorePolicyOptions> = {
    maxConcurrentCalls: config.resilience.maxConcurrentStoreCalls,
    maxQueuedCalls: config.resilience.maxQueuedStoreCalls,
  };
  let cache: Cache;
  let redis: RedisCache | undefined;
  if (config.redis) {
    redis = new RedisCache(config.redis.url, logger, limits);
    if (!(await redis.waitUntilReady())) logger.warn({ store: 'redis' }, 'redis is not answering yet; reads go to the database until it does');
    cache = redis;
  } else {
    const lru = new LruCache(config.caches.lruBytes);
    gatewayMetrics.trackCache('lru', lru);
    cache = lru;
  }
  const policy = new StorePolicy('postgres', isTransientPgError, limits);
  // A mutation's transaction is not retried: if its COMMIT's answer is lost, a retry could apply it twice.
  const writePolicy = new StorePolicy('postgres', isTransientPgError, { ...limits, maxAttempts: 1 });
  const neo4j = config.neo4j ? openNeo4j(config.neo4j, logger, { policy: limits }) : undefined;
  const influx = config.influx ? openInflux(config.influx, logger, { policy: limits }) : undefined;
  const elastic = config.elasticsearch ? openElasticsearch(config.elasticsearch, logger, { index: config.elasticsearch.index, policy: limits }) : undefined;
  const health = [postgresHealth(sql, [policy]), redis && redisHealth(redis), neo4j?.health, influx?.health, elastic?.health].filter(
    (probe): probe is HealthProbe => probe !== undefined,
  );
  const candidates: (Projection | undefined)[] = [neo4j?.projection, influx?.projection, elastic?.projection];
  const projections = candidates.filter((p): p is Projection => p !== undefined);
  await Promise.all(
    projections.map((p) =>
      p.ensureSchema().catch((err: unknown) => logger.warn({ store: p.store, err: errorMessage(err) }, 'could not prepare store schema at start')),
    ),
  );
  return {
    catalog: new PostgresCatalog(sql, cache, policy),
    catalogWriter: new PostgresCatalogWriter(sql, policy),
    articleWriter: new PostgresArticleWriter(sql, writePolicy),
    outbox: new PostgresOutbox(sql, policy),
    snapshot: new PostgresCatalogSnapshot(sql, policy),
    citations: new CachedCitationCounts(neo4j?.graph ?? new PostgresCitationGraph(sql, policy), cache),
    trends: new CachedTrendStore(influx?.trends ?? new PostgresTrendStore(sql, policy), cache),
    search: elastic?.search ?? new PostgresSearchIndex(sql, policy),
    projections,
    cache,
    sql,
    health,
    describe: () => [
      { store: 'postgres', configured: config.postgres.url !== undefined, backend: sql.backend },
      { store: 'redis', configured: redis !== undefined, backend: redis ? 'redis' : 'lru' },
      { store: 'neo4j', configured: neo4j !== undefined, backend: neo4j ? 'neo4j' : 'postgresql' },
      { store: 'influxdb', configured: influx !== undefined, backend: influx ? 'influxdb' : 'postgresql' },
      { store: 'elasticsearch', configured: elastic !== undefined, backend: elastic ? 'elasticsearch' : 'postgresql' },
    ],
    close: async () => {
      await Promise.all([neo4j?.close(), influx?.close(), elastic?.close()]);
      await cache.close();
      await sql.close();
    },
  };
}
