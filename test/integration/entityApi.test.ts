import Redis from 'ioredis';
import { entityApiSuite } from '../support/entityApiSuite';
import { storeEndpoints } from '../support/storeEndpoints';
import { startTestGateway, type TestGateway } from '../support/testGateway';
import { describeStore } from './support/describeStore';
import { createThrowawayDatabase } from './support/throwawayDatabase';

// Redis database 12 is this suite's own; it is flushed before the run so no earlier run's entries answer.
const REDIS_TEST_DB = 12;

describeStore('postgres', 'topics, sources, institutions, external ids and viewer on PostgreSQL + Redis', () => {
  let gateway: TestGateway;
  let database: Awaited<ReturnType<typeof createThrowawayDatabase>>;
  let redis: Redis;
  const redisUrl = `${storeEndpoints.redis.replace(/\/\d*$/, '')}/${REDIS_TEST_DB}`;

  beforeAll(async () => {
    redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
    await redis.flushdb();
    database = await createThrowawayDatabase();
    gateway = await startTestGateway({ DATABASE_URL: database.url, REDIS_URL: redisUrl });
  });
  afterAll(async () => {
    await gateway?.stop();
    await database?.drop();
    await redis?.quit();
  });

  it('runs on real PostgreSQL, with migration 006 applied', async () => {
    const res = await gateway.gql<{ gateway: { stores: { store: string; backend: string }[] } }>('{ gateway { stores { store backend } } }');
    expect(res.data?.gateway.stores[0]).toEqual({ store: 'POSTGRES', backend: 'postgresql' });
    const indexes = await gateway.sql.query<{ indexname: string }>("SELECT indexname FROM pg_indexes WHERE indexname IN ('sources_issns_idx', 'institutions_ror_idx', 'works_source_idx', 'authorships_institution_ids_idx') ORDER BY 1");
    expect(indexes.map((i) => i.indexname)).toEqual(['authorships_institution_ids_idx', 'institutions_ror_idx', 'sources_issns_idx', 'works_source_idx']);
  });

  entityApiSuite(() => gateway);
});
