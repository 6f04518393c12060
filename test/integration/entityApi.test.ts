import { entityApiSuite } from '../support/entityApiSuite';
import { describeStore } from './support/describeStore';
import { pgRedisGateways } from './support/pgRedisGateways';

// Redis database 12 is this suite's own.
const REDIS_TEST_DB = 12;

describeStore('postgres', 'topics, sources, institutions, external ids and viewer on PostgreSQL + Redis', () => {
  const stores = pgRedisGateways(REDIS_TEST_DB);

  it('runs on real PostgreSQL, with migration 006 applied', async () => {
    const res = await stores().gateway.gql<{ gateway: { stores: { store: string; backend: string }[] } }>('{ gateway { stores { store backend } } }');
    expect(res.data?.gateway.stores[0]).toEqual({ store: 'POSTGRES', backend: 'postgresql' });
    const indexes = await stores().gateway.sql.query<{ indexname: string }>("SELECT indexname FROM pg_indexes WHERE indexname IN ('sources_issns_idx', 'institutions_ror_idx', 'works_source_idx', 'authorships_institution_ids_idx') ORDER BY 1");
    expect(indexes.map((i) => i.indexname)).toEqual(['authorships_institution_ids_idx', 'institutions_ror_idx', 'sources_issns_idx', 'works_source_idx']);
  });

  entityApiSuite(() => stores().gateway);
});
