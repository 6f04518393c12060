import { randomBytes } from 'node:crypto';
import { Client as ElasticClient } from '@elastic/elasticsearch';
import Redis from 'ioredis';
import neo4j from 'neo4j-driver';
import pg from 'pg';
import { influxDatabase, neo4jAuth, storeEndpoints } from '../../support/storeEndpoints';
import { startTestGateway, type TestGateway } from '../../support/testGateway';
import { acquireStoreLock } from './exclusiveStore';
import { deleteIndexFamily } from './elasticIndexFamily';

const REDIS_DB = 14;

/** The gateway over all five real stores, with what it needs to clean up after itself. */
export interface PolyglotGateway {
  readonly gateway: TestGateway;
  /** The environment it was started with (to start a second replica on the same stores). */
  readonly env: Record<string, string>;
  readonly index: string;
  /** Makes everything indexed so far searchable. */
  refreshSearch(): Promise<void>;
  stop(): Promise<void>;
}

/** Throwaway room for one gateway on all five real stores: its environment, and how to give the room back. */
export interface PolyglotStores {
  /** The gateway variables pointing at the throwaway database, index and InfluxDB database. */
  readonly env: Record<string, string>;
  readonly index: string;
  /** Makes everything indexed so far searchable. */
  refreshSearch(): Promise<void>;
  /** Drops the throwaway database, index and InfluxDB database and releases the Neo4j lock. */
  release(): Promise<void>;
}

/**
 * Prepares the five real stores for one gateway: a throwaway PostgreSQL database, Redis database 14 (flushed), a
 * throwaway InfluxDB database and Elasticsearch index, and the Neo4j graph — emptied, under the Neo4j test lock
 * held until `release` (other suites rebuild it too). `extraEnv` adds or overrides gateway variables.
 */
export async function preparePolyglotStores(name: string, extraEnv: Record<string, string> = {}): Promise<PolyglotStores> {
  const run = randomBytes(5).toString('hex');
  const database = `gateway_${name}_${run}`;
  const influxDb = `${influxDatabase}_${name}_${run}`;
  const index = `works_${name}_${run}`;
  const release = await acquireStoreLock('neo4j');
  const admin = new pg.Client({ connectionString: storeEndpoints.postgres });
  const es = new ElasticClient({ node: storeEndpoints.elasticsearch });
  const cleanUp = async () => {
    await deleteIndexFamily(es, index).catch(() => undefined);
    await es.close();
    await fetch(`${storeEndpoints.influxdb}/query`, { method: 'POST', body: new URLSearchParams({ q: `DROP DATABASE "${influxDb}"` }) }).catch(() => undefined);
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).catch(() => undefined);
    await admin.end().catch(() => undefined);
    release();
  };
  try {
    const driver = neo4j.driver(storeEndpoints.neo4j, neo4j.auth.basic(neo4jAuth.user, neo4jAuth.password));
    await driver.executeQuery('MATCH (n) WHERE n:Work OR n:Author DETACH DELETE n');
    await driver.close();
    // Redis database 14 is the polyglot gateways' (one at a time, under the lock): entries, cached responses and
    // the response-cache generation of an earlier gateway over another catalog must not answer for this one.
    const redis = new Redis(`${storeEndpoints.redis.replace(/\/\d*$/, '')}/${REDIS_DB}`, { maxRetriesPerRequest: 1 });
    try {
      await redis.flushdb();
    } finally {
      redis.disconnect();
    }
    await admin.connect();
    await admin.query(`CREATE DATABASE ${database}`);
    const url = new URL(storeEndpoints.postgres);
    url.pathname = `/${database}`;
    const env = {
      DATABASE_URL: url.toString(),
      REDIS_URL: `${storeEndpoints.redis.replace(/\/\d*$/, '')}/${REDIS_DB}`,
      NEO4J_URL: storeEndpoints.neo4j,
      NEO4J_USER: neo4jAuth.user,
      NEO4J_PASSWORD: neo4jAuth.password,
      INFLUX_URL: storeEndpoints.influxdb,
      INFLUX_DATABASE: influxDb,
      ELASTICSEARCH_URL: storeEndpoints.elasticsearch,
      ELASTICSEARCH_INDEX: index,
      ...extraEnv,
    };
    const refreshSearch = async () => {
      await es.indices.refresh({ index });
    };
    return { env, index, refreshSearch, release: cleanUp };
  } catch (err) {
    await cleanUp();
    throw err;
  }
}

/**
 * Starts the gateway over all five real stores prepared by preparePolyglotStores. The sample is seeded through the
 * gateway's own start-up path, so every projection is written by it.
 */
export async function startPolyglotGateway(name: string, extraEnv: Record<string, string> = {}): Promise<PolyglotGateway> {
  const stores = await preparePolyglotStores(name, extraEnv);
  try {
    const gateway = await startTestGateway(stores.env);
    await stores.refreshSearch();
    return {
      gateway,
      env: stores.env,
      index: stores.index,
      refreshSearch: stores.refreshSearch,
      stop: async () => {
        await gateway.stop();
        await stores.release();
      },
    };
  } catch (err) {
    await stores.release();
    throw err;
  }
}
