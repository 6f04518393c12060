import type { Cache } from '../datasources/cache/Cache';
import { CachedCitationCounts } from '../datasources/cache/CachedCitationCounts';
import { CachedTrendStore } from '../datasources/cache/CachedTrendStore';
import { openCache } from '../datasources/cache/openCache';
import type { CatalogReader } from '../datasources/CatalogReader';
import type { CatalogSnapshot } from '../datasources/CatalogSnapshot';
import type { CitationGraph } from '../datasources/CitationGraph';
import { openElasticsearch } from '../datasources/elasticsearch/openElasticsearch';
import type { HealthProbe } from '../datasources/HealthProbe';
import { openInflux } from '../datasources/influxdb/openInflux';
import { openNeo4j } from '../datasources/neo4j/openNeo4j';
import { openPostgres } from '../datasources/postgres/openPostgres';
import type { SqlExecutor } from '../datasources/postgres/SqlExecutor';
import type { SearchIndex } from '../datasources/SearchIndex';
import type { StorePolicyOptions } from '../datasources/shared/StorePolicy';
import type { StoreDescription } from '../datasources/StoreDescription';
import type { StoreName } from './core/StoreName';
import type { TrendStore } from '../datasources/TrendStore';
import type { ArticleWriter } from '../datasources/writes/articleWrite';
import type { CatalogWriter } from '../datasources/writes/catalogWrite';
import type { ChangeTraces } from '../datasources/writes/ChangeTraces';
import type { Outbox } from '../datasources/writes/Outbox';
import type { Projection } from '../datasources/writes/Projection';
import type { Config } from './config';
import { MemoizedRebuildMarks } from './rebuildRouting/MemoizedRebuildMarks';
import { RebuildRoute } from './rebuildRouting/RebuildRoute';
import { RoutedCitationGraph } from './rebuildRouting/RoutedCitationGraph';
import { RoutedTrendStore } from './rebuildRouting/RoutedTrendStore';
import type { RebuildMarks } from '../datasources/writes/RebuildMarks';
import { errorMessage } from './core/errorMessage';
import type { Logger } from './core/logger';

/** The datasources of one gateway process, built from the configuration, and how to close them. */
export interface Stores {
  readonly catalog: CatalogReader;
  readonly catalogWriter: CatalogWriter;
  /** Article mutations: the article and its outbox record in one PostgreSQL transaction. */
  readonly articleWriter: ArticleWriter;
  readonly outbox: Outbox;
  /** Where a sync token's change stands (syncStatus). */
  readonly changeTraces: ChangeTraces;
  /** The catalog read back as projection batches (outbox relay, reindex). */
  readonly snapshot: CatalogSnapshot;
  /**
   * Neo4j when NEO4J_URL is set (PostgreSQL while Neo4j is marked as rebuilt in place: `rebuildMarks`), else
   * recursive SQL over the catalog.
   */
  readonly citations: CitationGraph;
  /** InfluxDB when INFLUX_URL is set (PostgreSQL while InfluxDB is marked as rebuilt in place), else SQL aggregation over the catalog. */
  readonly trends: TrendStore;
  /** Elasticsearch when ELASTICSEARCH_URL is set, else PostgreSQL full-text search. */
  readonly search: SearchIndex;
  /** The configured projection stores, which the seed CLI and the outbox relay keep in step. */
  readonly projections: readonly Projection[];
  /** The projections being rebuilt in place, shared by every process (`npm run reindex` marks them). */
  readonly rebuildMarks: RebuildMarks;
  readonly cache: Cache;
  /** One readiness probe per configured store (PostgreSQL first), for /ready. */
  readonly health: readonly HealthProbe[];
  /** Each store, configured or not, and the backend answering for it now (the `gateway` query). */
  describe(): Promise<StoreDescription[]>;
  close(): Promise<void>;
}

export interface OpenStoresOptions {
  /** Wraps the SQL executor (tests count statements through it; test/support/openStoresWithSql hands it out). */
  readonly wrapSql?: (sql: SqlExecutor) => SqlExecutor;
}

/** A capability store that is not configured: PostgreSQL answers for it. */
const answeredByPostgres = (store: StoreName): StoreDescription => ({ store, configured: false, backend: 'postgresql' });

/** A configured projection store as it answers now: by PostgreSQL while it is marked as rebuilt in place. */
async function describeMarked(description: StoreDescription, marks: MemoizedRebuildMarks): Promise<StoreDescription> {
  return (await marks.has(description.store)) ? { ...description, backend: 'postgresql' } : description;
}

/**
 * Opens each configured store (datasources/<store>/open*.ts) and composes them: PostgreSQL at DATABASE_URL or
 * embedded PGlite under DATA_DIR, Redis at REDIS_URL or an in-process LRU; each capability (citations, trends,
 * search) is served by its own store when configured and by PostgreSQL otherwise, behind the cache — citations and
 * trends also by PostgreSQL while their store is marked as rebuilt in place (each backend behind the cache, under
 * keys naming the backend). A projection store that is down at start is logged, not fatal: the rest of the API
 * answers, and its schema is created on the next seed.
 */
export async function openStores(config: Config, logger: Logger, options: OpenStoresOptions = {}): Promise<Stores> {
  // Each store policy gets its own bulkhead with these limits.
  const policy: Partial<StorePolicyOptions> = {
    maxConcurrentCalls: config.resilience.maxConcurrentStoreCalls,
    maxQueuedCalls: config.resilience.maxQueuedStoreCalls,
  };
  const cached = await openCache({ redis: config.redis, lruBytes: config.caches.lruBytes, hotBytes: config.caches.hotBytes }, logger, policy);
  const postgres = await openPostgres(config.postgres, logger, { cache: cached.cache, hot: cached.hot, policy, wrapSql: options.wrapSql });
  const neo4j = config.neo4j ? openNeo4j(config.neo4j, logger, { policy }) : undefined;
  const influx = config.influx ? openInflux(config.influx, { workTrends: postgres.trends, totals: postgres.trendTotals }, logger, { policy }) : undefined;
  const elastic = config.elasticsearch ? openElasticsearch(config.elasticsearch, logger, { index: config.elasticsearch.index, policy }) : undefined;
  const projections = [neo4j?.projection, influx?.projection, elastic?.projection].filter((p): p is NonNullable<typeof p> => p !== undefined);
  await Promise.all(
    projections.map((p) =>
      p.ensureSchema().catch((err: unknown) => logger.warn({ store: p.store, err: errorMessage(err) }, 'could not prepare store schema at start')),
    ),
  );
  const marks = new MemoizedRebuildMarks(postgres.rebuildMarks, logger);
  const postgresCitations = new CachedCitationCounts(postgres.citations, cached.cache, cached.hot);
  const postgresTrends = new CachedTrendStore(postgres.trends, cached.cache, cached.hot);
  const citations = neo4j
    ? new RoutedCitationGraph(new RebuildRoute<CitationGraph>('neo4j', marks, new CachedCitationCounts(neo4j.graph, cached.cache, cached.hot), postgresCitations, logger))
    : postgresCitations;
  const trends = influx
    ? new RoutedTrendStore(new RebuildRoute<TrendStore>('influxdb', marks, new CachedTrendStore(influx.trends, cached.cache, cached.hot), postgresTrends, logger))
    : postgresTrends;
  return {
    catalog: postgres.catalog,
    catalogWriter: postgres.catalogWriter,
    articleWriter: postgres.articleWriter,
    outbox: postgres.outbox,
    changeTraces: postgres.changeTraces,
    snapshot: postgres.snapshot,
    citations,
    trends,
    search: elastic?.search ?? postgres.search,
    projections,
    rebuildMarks: postgres.rebuildMarks,
    cache: cached.cache,
    health: [postgres.health, cached.health, neo4j?.health, influx?.health, elastic?.health].filter((probe): probe is HealthProbe => probe !== undefined),
    describe: async () => [
      postgres.describe(),
      cached.describe(),
      neo4j ? await describeMarked(neo4j.describe(), marks) : answeredByPostgres('neo4j'),
      influx ? await describeMarked(influx.describe(), marks) : answeredByPostgres('influxdb'),
      elastic?.describe() ?? answeredByPostgres('elasticsearch'),
    ],
    close: async () => {
      await Promise.all([neo4j?.close(), influx?.close(), elastic?.close()]);
      await cached.close();
      await postgres.close();
    },
  };
}
