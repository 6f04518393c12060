import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from '@elastic/elasticsearch';
import { InfluxV1Client } from '../../datasources/influxdb/InfluxV1Client';
import { deleteIndexFamily } from '../../test/integration/support/elasticIndexFamily';
import { Cleanup } from '../read/cleanup';
import { residentMegabytes } from '../read/residentMemory';
import { startGateway } from '../read/servers';
import { startOwnRedis } from '../read/storeServers';
import { createThrowawayDatabase } from '../read/throwawayDatabase';
import type { CorpusFile } from './corpusFile';
import { type MeasurePlan, measureQueries, type QueryFigures } from './measureQueries';
import { neo4jPageCacheMb, startPrivateNeo4j } from './privateNeo4j';
import { scaleQueries, scaleSubjects } from './scaleQueries';
import { type LoadFigures, timedReindex, timedSeed } from './seedRuns';
import { dropInfluxDatabase } from '../read/dropInfluxDatabase';

export type ScaleProfile = 'real' | 'embedded';

/** One profile at one corpus size: its loads, its queries' latencies, and what it held. */
export interface ProfileRun {
  readonly profile: ScaleProfile;
  readonly works: number;
  readonly loads: readonly LoadFigures[];
  readonly queries: readonly QueryFigures[];
  /** The gateway's resident memory after the queries. */
  readonly gatewayRssMb: number;
  /** The 1-minute load average when the queries began and when they ended (the machine may be shared). */
  readonly loadAverage: readonly [number, number];
  /** InfluxDB's series of the trend measurement (real profile), beside the distinct subjects of the corpus JSON. */
  readonly influxSeries?: number;
}

/** The servers of the real profile: PostgreSQL, Elasticsearch and InfluxDB shared (throwaway names), Redis and Neo4j the run's own. */
export interface RealServers {
  readonly databaseUrl: string;
  readonly elasticsearchUrl: string;
  readonly influxUrl: string;
  readonly redisBinary: string;
  /** The projections rebuilt from PostgreSQL after the five-store seed, in this order (`--reindex`; none with `--skip-reindex`). */
  readonly reindex: readonly ReindexedStore[];
  /** Whether to seed PostgreSQL alone first, for its own rate (`--skip-postgres-alone` turns it off). */
  readonly postgresAlone: boolean;
}

type Log = (line: string) => void;

/** The projection stores a run can rebuild, with the label of their load row. */
export const REINDEXED_STORES = { elasticsearch: 'Elasticsearch', neo4j: 'Neo4j', influxdb: 'InfluxDB' } as const;
export type ReindexedStore = keyof typeof REINDEXED_STORES;

/** The queries against a gateway started with `stores` (`npm start`, response cache off), and its RSS afterwards. */
async function queryGateway(name: string, stores: Record<string, string>, corpus: CorpusFile, plan: MeasurePlan, cleanup: Cleanup, log: Log) {
  log(`start ${name} and send the queries…`);
  const gateway = await startGateway(name, { kind: 'stores', env: stores }, 'off', cleanup);
  const loadBefore = os.loadavg()[0] ?? 0;
  const subjects = await scaleSubjects(gateway.url, corpus.truth);
  log(`  subjects: ${JSON.stringify(subjects)}`);
  const queries = await measureQueries(gateway.url, scaleQueries(subjects), plan, log);
  const gatewayRssMb = residentMegabytes(gateway.pid);
  const loadAverage: [number, number] = [loadBefore, os.loadavg()[0] ?? 0];
  await gateway.stop();
  return { queries, gatewayRssMb, loadAverage };
}

/**
 * The five real stores at `corpus`'s size, each fresh: a throwaway PostgreSQL database (and a second one for the
 * PostgreSQL-only seed, dropped after it), an Elasticsearch index family and an InfluxDB database of throwaway
 * names, a Redis and a Neo4j of the run's own. Seeds PostgreSQL alone (unless `postgresAlone` is off), then all five, then (unless `reindex` is off)
 * rebuilds each projection from PostgreSQL (`npm run reindex -- --store …`) for its own rate; counts InfluxDB's series; queries the gateway.
 * Everything is removed at the end, whatever happens.
 */
export async function runRealProfile(corpus: CorpusFile, servers: RealServers, plan: MeasurePlan, outer: Cleanup, log: Log): Promise<ProfileRun> {
  const cleanup = new Cleanup();
  const forget = outer.add('the real profile', () => cleanup.runAll());
  const works = corpus.truth.works;
  try {
    const loads: LoadFigures[] = [];
    if (servers.postgresAlone) {
      const pgOnly = await createThrowawayDatabase(servers.databaseUrl);
      cleanup.add(`database ${pgOnly.name}`, () => pgOnly.drop());
      loads.push(await timedSeed('PostgreSQL alone', corpus.file, { DATABASE_URL: pgOnly.url }, log));
      await pgOnly.drop();
    }

    const db = await createThrowawayDatabase(servers.databaseUrl);
    cleanup.add(`database ${db.name}`, () => db.drop());
    const name = `bench_scale_${randomBytes(4).toString('hex')}`;
    const es = new Client({ node: servers.elasticsearchUrl });
    cleanup.add(`Elasticsearch ${name}`, async () => {
      await deleteIndexFamily(es, name);
      await es.close();
    });
    const influx = new InfluxV1Client({ url: servers.influxUrl, database: name, timeoutMs: 120_000 });
    cleanup.add(`InfluxDB ${name}`, () => dropInfluxDatabase(influx, name));
    const redis = await startOwnRedis(servers.redisBinary, cleanup);
    const pageCacheMb = neo4jPageCacheMb(works);
    log(`  Neo4j page cache ${pageCacheMb} MiB`);
    const neo4jUrl = await startPrivateNeo4j(cleanup, pageCacheMb);
    const stores = {
      DATABASE_URL: db.url,
      REDIS_URL: redis.url,
      NEO4J_URL: neo4jUrl,
      INFLUX_URL: servers.influxUrl,
      INFLUX_DATABASE: name,
      ELASTICSEARCH_URL: servers.elasticsearchUrl,
      ELASTICSEARCH_INDEX: name,
    };
    loads.push(await timedSeed('all five stores', corpus.file, stores, log));
    for (const store of servers.reindex) {
      loads.push(await timedReindex(`${REINDEXED_STORES[store]} (reindex from PostgreSQL)`, store, stores, log));
    }
    const [series] = await influx.query('SHOW SERIES FROM "trend"');
    const influxSeries = series?.rows.length ?? 0;
    log(`  InfluxDB series ${influxSeries}, distinct subjects in the corpus JSON ${corpus.counts.subjects}`);
    const answered = await queryGateway('gateway (five stores)', stores, corpus, plan, cleanup, log);
    return { profile: 'real', works, loads, ...answered, influxSeries };
  } finally {
    await forget();
  }
}

/** The embedded profile at `corpus`'s size: PGlite in a folder of its own and the in-process cache, seeded, then queried. */
export async function runEmbeddedProfile(corpus: CorpusFile, plan: MeasurePlan, outer: Cleanup, log: Log): Promise<ProfileRun> {
  const cleanup = new Cleanup();
  const forget = outer.add('the embedded profile', () => cleanup.runAll());
  try {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'openalex-bench-scale-pglite-'));
    cleanup.add('PGlite folder', async () => rmSync(dir, { recursive: true, force: true }));
    const stores = { DATA_DIR: path.join(dir, 'data') };
    const loads = [await timedSeed('embedded PGlite', corpus.file, stores, log)];
    const answered = await queryGateway('gateway (embedded)', stores, corpus, plan, cleanup, log);
    return { profile: 'embedded', works: corpus.truth.works, loads, ...answered };
  } finally {
    await forget();
  }
}
