import { Client as ElasticClient } from '@elastic/elasticsearch';
import Redis from 'ioredis';
import neo4j from 'neo4j-driver';
import pg from 'pg';
import { type IntegrationStore, neo4jAuth, storeEndpoints } from '../../support/storeEndpoints';

const TIMEOUT_MS = 3000;

/** Asks each real store, through its own client, whether it answers. Resolves to the reason when it does not. */
const probes: Record<IntegrationStore, () => Promise<void>> = {
  postgres: async () => {
    const client = new pg.Client({ connectionString: storeEndpoints.postgres, connectionTimeoutMillis: TIMEOUT_MS });
    await client.connect();
    try {
      await client.query('SELECT 1');
    } finally {
      await client.end();
    }
  },
  redis: async () => {
    const redis = new Redis(storeEndpoints.redis, { lazyConnect: true, connectTimeout: TIMEOUT_MS, maxRetriesPerRequest: 0, retryStrategy: () => null });
    try {
      await redis.connect();
      await redis.ping();
    } finally {
      redis.disconnect();
    }
  },
  influxdb: async () => {
    const res = await fetch(`${storeEndpoints.influxdb}/ping`, { signal: AbortSignal.timeout(TIMEOUT_MS) });
    if (res.status !== 204) throw new Error(`/ping answered ${res.status}`);
  },
  neo4j: async () => {
    const driver = neo4j.driver(storeEndpoints.neo4j, neo4j.auth.basic(neo4jAuth.user, neo4jAuth.password), {
      connectionTimeout: TIMEOUT_MS,
    });
    try {
      await driver.verifyConnectivity();
    } finally {
      await driver.close();
    }
  },
  elasticsearch: async () => {
    const client = new ElasticClient({ node: storeEndpoints.elasticsearch, requestTimeout: TIMEOUT_MS, maxRetries: 0 });
    try {
      await client.cluster.health({ timeout: '2s' });
    } finally {
      await client.close();
    }
  },
};

/** The reason each unreachable store gave; an empty map when all five answer. */
export async function probeStores(): Promise<Map<IntegrationStore, string>> {
  const entries = Object.entries(probes) as [IntegrationStore, () => Promise<void>][];
  const results = await Promise.all(
    entries.map(async ([store, probe]) => {
      try {
        await probe();
        return [store, undefined] as const;
      } catch (err) {
        return [store, err instanceof Error ? err.message || err.name : String(err)] as const;
      }
    }),
  );
  return new Map(results.filter((r): r is readonly [IntegrationStore, string] => r[1] !== undefined));
}
