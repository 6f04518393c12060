import { randomBytes } from 'node:crypto';
import { Client as ElasticClient } from '@elastic/elasticsearch';
import neo4j from 'neo4j-driver';
import pg from 'pg';
import { polyglotApiSuite } from '../support/polyglotApiSuite';
import { influxDatabase, neo4jAuth, storeEndpoints } from '../support/storeEndpoints';
import { startTestGateway, type TestGateway } from '../support/testGateway';
import { describeStore } from './support/describeStore';
import { acquireStoreLock } from './support/exclusiveStore';

/**
 * The gateway over all five real stores: a throwaway PostgreSQL database, Redis database 14, a throwaway
 * InfluxDB database and Elasticsearch index, and the Neo4j graph (rebuilt under the Neo4j test lock). The
 * sample is seeded through the gateway's own start-up path, so every projection is written by it.
 */
describeStore('neo4j', 'citations, trends and search on the five real stores', () => {
  const run = randomBytes(5).toString('hex');
  const database = `gateway_poly_${run}`;
  const influxDb = `${influxDatabase}_poly_${run}`;
  const index = `works_poly_${run}`;
  let gateway: TestGateway;
  let release: (() => void) | undefined;
  let admin: pg.Client;

  beforeAll(async () => {
    release = await acquireStoreLock('neo4j');
    const driver = neo4j.driver(storeEndpoints.neo4j, neo4j.auth.basic(neo4jAuth.user, neo4jAuth.password));
    await driver.executeQuery('MATCH (n) WHERE n:Work OR n:Author DETACH DELETE n');
    await driver.close();
    admin = new pg.Client({ connectionString: storeEndpoints.postgres });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${database}`);
    const url = new URL(storeEndpoints.postgres);
    url.pathname = `/${database}`;
    gateway = await startTestGateway({
      DATABASE_URL: url.toString(),
      REDIS_URL: `${storeEndpoints.redis.replace(/\/\d*$/, '')}/14`,
      NEO4J_URL: storeEndpoints.neo4j,
      NEO4J_USER: neo4jAuth.user,
      NEO4J_PASSWORD: neo4jAuth.password,
      INFLUX_URL: storeEndpoints.influxdb,
      INFLUX_DATABASE: influxDb,
      ELASTICSEARCH_URL: storeEndpoints.elasticsearch,
      ELASTICSEARCH_INDEX: index,
    });
    // Search must see what was just indexed.
    const es = new ElasticClient({ node: storeEndpoints.elasticsearch });
    await es.indices.refresh({ index });
    await es.close();
  });

  afterAll(async () => {
    await gateway?.stop();
    const es = new ElasticClient({ node: storeEndpoints.elasticsearch });
    await es.indices.delete({ index, ignore_unavailable: true }).catch(() => undefined);
    await es.close();
    await fetch(`${storeEndpoints.influxdb}/query`, { method: 'POST', body: new URLSearchParams({ q: `DROP DATABASE "${influxDb}"` }) }).catch(() => undefined);
    await admin?.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin?.end();
    release?.();
  });

  it('serves each capability from its own store', async () => {
    const res = await gateway.gql<{ gateway: { stores: { store: string; backend: string }[] } }>('{ gateway { stores { store backend } } }');
    expect(res.data?.gateway.stores.map((s) => s.backend)).toEqual(['postgresql', 'redis', 'neo4j', 'influxdb', 'elasticsearch']);
  });

  polyglotApiSuite(() => gateway);
});
