import { randomBytes } from 'node:crypto';
import { Client } from '@elastic/elasticsearch';
import { openElasticsearch, type ElasticsearchStores } from '../../datasources/elasticsearch/openElasticsearch';
import { isTransientPgError } from '../../datasources/postgres/isTransientPgError';
import { PostgresSearchIndex } from '../../datasources/postgres/PostgresSearchIndex';
import { StorePolicy } from '../../datasources/shared/StorePolicy';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/core/logger';
import type { Stores } from '../../src/stores';
import type { SqlExecutor } from '../../datasources/postgres/SqlExecutor';
import { openStoresWithSql } from '../support/openStoresWithSql';
import { highlightContract } from '../contract/highlightContract';
import { storeEndpoints } from '../support/storeEndpoints';
import { describeStore } from './support/describeStore';
import { createThrowawayDatabase } from './support/throwawayDatabase';
import { deleteIndexFamily } from './support/elasticIndexFamily';

const logger = createLogger('silent');

describeStore('postgres', 'PostgresSearchIndex highlights on real PostgreSQL', () => {
  let database: Awaited<ReturnType<typeof createThrowawayDatabase>>;
  let stores: Stores;
  let sql: SqlExecutor;
  let search: PostgresSearchIndex;

  beforeAll(async () => {
    database = await createThrowawayDatabase();
    ({ stores, sql } = await openStoresWithSql(loadConfig({ DATABASE_URL: database.url, SEED: 'none' }), logger));
    search = new PostgresSearchIndex(sql, new StorePolicy('postgres', isTransientPgError));
  });
  afterAll(async () => {
    await stores?.close();
    await database?.drop();
  });

  highlightContract('PostgreSQL full-text search (PostgreSQL 15)', () => search, (batch) => stores.catalogWriter.upsert(batch));
});

describeStore('elasticsearch', 'ElasticSearchIndex highlights on real Elasticsearch', () => {
  const index = `works_hl_${randomBytes(6).toString('hex')}`;
  let es: ElasticsearchStores;
  let admin: Client;

  beforeAll(async () => {
    admin = new Client({ node: storeEndpoints.elasticsearch });
    es = openElasticsearch({ url: storeEndpoints.elasticsearch }, logger, { index });
    await es.projection.ensureSchema();
  });
  afterAll(async () => {
    if (admin) await deleteIndexFamily(admin, index);
    await admin?.close();
    await es?.close();
  });

  highlightContract('Elasticsearch 8.8 (html encoder)', () => es.search, async (batch) => {
    await es.projection.apply(batch);
    await es.projection.refresh();
  });
});
