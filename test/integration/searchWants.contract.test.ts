import { randomBytes } from 'node:crypto';
import { Client } from '@elastic/elasticsearch';
import { openElasticsearch, type ElasticsearchStores } from '../../datasources/elasticsearch/openElasticsearch';
import { isTransientPgError } from '../../datasources/postgres/isTransientPgError';
import { PostgresSearchIndex } from '../../datasources/postgres/PostgresSearchIndex';
import { StorePolicy } from '../../datasources/shared/StorePolicy';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/core/logger';
import { samplePaths } from '../../src/seed/samplePaths';
import { seedCatalog } from '../../src/seed/seedCatalog';
import type { Stores } from '../../src/stores';
import { searchWantsContract } from '../contract/searchWantsContract';
import { openStoresWithSql } from '../support/openStoresWithSql';
import { sampleBatches } from '../support/sampleBatches';
import { storeEndpoints } from '../support/storeEndpoints';
import { describeStore } from './support/describeStore';
import { createThrowawayDatabase } from './support/throwawayDatabase';
import { deleteIndexFamily } from './support/elasticIndexFamily';

const logger = createLogger('silent');

describeStore('postgres', 'PostgresSearchIndex wants on real PostgreSQL (shipped sample)', () => {
  let database: Awaited<ReturnType<typeof createThrowawayDatabase>>;
  let stores: Stores;
  let search: PostgresSearchIndex;

  beforeAll(async () => {
    database = await createThrowawayDatabase();
    const opened = await openStoresWithSql(loadConfig({ DATABASE_URL: database.url, SEED: 'none' }), logger);
    stores = opened.stores;
    await seedCatalog(samplePaths(), stores.catalogWriter);
    search = new PostgresSearchIndex(opened.sql, new StorePolicy('postgres', isTransientPgError));
  });
  afterAll(async () => {
    await stores?.close();
    await database?.drop();
  });

  searchWantsContract('PostgreSQL full-text search (PostgreSQL 15)', () => search);
});

describeStore('elasticsearch', 'ElasticSearchIndex wants on real Elasticsearch (shipped sample)', () => {
  const index = `works_it_${randomBytes(6).toString('hex')}`;
  let es: ElasticsearchStores;
  let admin: Client;

  beforeAll(async () => {
    admin = new Client({ node: storeEndpoints.elasticsearch });
    es = openElasticsearch({ url: storeEndpoints.elasticsearch }, logger, { index });
    await es.projection.ensureSchema();
    for (const batch of await sampleBatches(40)) await es.projection.apply(batch);
    await es.projection.refresh();
  });
  afterAll(async () => {
    if (admin) await deleteIndexFamily(admin, index);
    await admin?.close();
    await es?.close();
  });

  searchWantsContract('Elasticsearch 8.8 (size 0, selected aggregations)', () => es.search);
});
