import { randomBytes } from 'node:crypto';
import { Client as ElasticClient } from '@elastic/elasticsearch';
import { influxDatabase, type IntegrationStore, neo4jAuth, storeEndpoints } from '../support/storeEndpoints';
import { startTestGateway, type TestGateway } from '../support/testGateway';
import { describeStore } from './support/describeStore';
import { createThrowawayDatabase } from './support/throwawayDatabase';
import { deleteIndexFamily } from './support/elasticIndexFamily';

/** `describeStore` for a block that needs several real stores: skipped (or failing in CI) if any is missing. */
function describeStores(stores: readonly IntegrationStore[], name: string, fn: () => void): void {
  const [first, ...rest] = stores;
  if (!first) {
    fn();
    return;
  }
  describeStore(first, rest.length === 0 ? name : 'with', () => describeStores(rest, name, fn));
}

interface ReadyBody {
  status: string;
  stores: { store: string; required: boolean; status: string; latencyMs: number; breaker: string }[];
}

async function ready(gateway: TestGateway): Promise<{ status: number; body: ReadyBody }> {
  const res = await fetch(gateway.url.replace(/\/graphql$/, '/ready'));
  return { status: res.status, body: (await res.json()) as ReadyBody };
}

/** A loopback port nothing listens on: connections are refused at once. */
const NOTHING_LISTENS = 'http://127.0.0.1:1';

describeStores(['postgres', 'redis', 'neo4j', 'influxdb', 'elasticsearch'], '/ready over the five real stores', () => {
  const index = `works_ready_${randomBytes(5).toString('hex')}`;
  let database: { url: string; drop: () => Promise<void> };
  let gateway: TestGateway;

  beforeAll(async () => {
    database = await createThrowawayDatabase('gateway_ready');
    gateway = await startTestGateway({
      DATABASE_URL: database.url,
      SEED: 'none',
      REDIS_URL: `${storeEndpoints.redis.replace(/\/\d*$/, '')}/13`,
      NEO4J_URL: storeEndpoints.neo4j,
      NEO4J_USER: neo4jAuth.user,
      NEO4J_PASSWORD: neo4jAuth.password,
      INFLUX_URL: storeEndpoints.influxdb,
      INFLUX_DATABASE: influxDatabase,
      ELASTICSEARCH_URL: storeEndpoints.elasticsearch,
      ELASTICSEARCH_INDEX: index,
    });
  });

  afterAll(async () => {
    await gateway?.stop();
    const es = new ElasticClient({ node: storeEndpoints.elasticsearch });
    await deleteIndexFamily(es, index).catch(() => undefined);
    await es.close();
    await database?.drop();
  });

  it('reports every store up with its breaker closed, PostgreSQL required, and answers 200', async () => {
    const { status, body } = await ready(gateway);
    expect(body.stores).toEqual([
      { store: 'postgres', required: true, status: 'up', latencyMs: expect.any(Number), breaker: 'closed' },
      { store: 'redis', required: false, status: 'up', latencyMs: expect.any(Number), breaker: 'closed' },
      { store: 'neo4j', required: false, status: 'up', latencyMs: expect.any(Number), breaker: 'closed' },
      { store: 'influxdb', required: false, status: 'up', latencyMs: expect.any(Number), breaker: 'closed' },
      { store: 'elasticsearch', required: false, status: 'up', latencyMs: expect.any(Number), breaker: 'closed' },
    ]);
    expect(body.status).toBe('ready');
    expect(status).toBe(200);
  });
});

describeStore('postgres', '/ready with stores that are down', () => {
  let database: { url: string; drop: () => Promise<void> };
  let gateway: TestGateway;

  beforeAll(async () => {
    database = await createThrowawayDatabase('gateway_ready_down');
    gateway = await startTestGateway({
      DATABASE_URL: database.url,
      SEED: 'none',
      INFLUX_URL: NOTHING_LISTENS,
      ELASTICSEARCH_URL: NOTHING_LISTENS,
      READY_REQUIRED_STORES: 'postgres,elasticsearch',
      READY_PROBE_TIMEOUT_MS: '1500',
    });
  });

  afterAll(async () => {
    await gateway?.stop();
    await database?.drop();
  });

  it('is not ready (503) while a required store is down, and reports optional stores that are down', async () => {
    const { status, body } = await ready(gateway);
    expect(body.stores).toEqual([
      expect.objectContaining({ store: 'postgres', required: true, status: 'up' }),
      expect.objectContaining({ store: 'influxdb', required: false, status: 'down' }),
      expect.objectContaining({ store: 'elasticsearch', required: true, status: 'down' }),
    ]);
    expect(body.status).toBe('not_ready');
    expect(status).toBe(503);
  });

  it('still answers what PostgreSQL serves', async () => {
    const res = await gateway.gql<{ works: { totalCount: number } }>('{ works(first: 1) { totalCount } }');
    expect(res.errors).toBeUndefined();
    expect(res.data?.works.totalCount).toBe(0);
  });
});
