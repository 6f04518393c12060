import { CACHE_SCHEMA_VERSION } from '../../datasources/cache/cacheKeys';
import { readApiSuite } from '../support/readApiSuite';
import { describeStore } from './support/describeStore';
import { pgRedisGateways } from './support/pgRedisGateways';

// Redis database 15 is this suite's own.
const REDIS_TEST_DB = 15;

describeStore('postgres', 'read API on PostgreSQL + Redis', () => {
  const stores = pgRedisGateways(REDIS_TEST_DB);

  it('runs on real PostgreSQL and caches in real Redis', async () => {
    const { gateway, redis } = stores();
    const res = await gateway.gql<{ gateway: { stores: { store: string; backend: string }[] } }>('{ gateway { stores { store backend } } }');
    expect(res.data?.gateway.stores.slice(0, 2)).toEqual([
      { store: 'POSTGRES', backend: 'postgresql' },
      { store: 'REDIS', backend: 'redis' },
    ]);
    const page = await gateway.gql<{ works: { nodes: { id: string }[] } }>('{ works(first: 5) { nodes { id authorships { author { id } } } } }');
    await gateway.gql('query($id: ID!) { work(id: $id) { title } }', { id: page.data?.works.nodes[0]?.id });
    expect(await redis.keys(`gw:v${CACHE_SCHEMA_VERSION}:work:W*`)).toEqual([`gw:v${CACHE_SCHEMA_VERSION}:work:${page.data?.works.nodes[0]?.id}`]);
    expect((await redis.keys(`gw:v${CACHE_SCHEMA_VERSION}:authorships:W*`)).length).toBe(5);
    expect((await redis.keys(`gw:v${CACHE_SCHEMA_VERSION}:author:A*`)).length).toBeGreaterThan(0);
    const ttl = await redis.ttl((await redis.keys(`gw:v${CACHE_SCHEMA_VERSION}:author:A*`))[0] as string);
    expect(ttl).toBeGreaterThan(0);
  });

  readApiSuite(() => stores().gateway);
});
