import { randomBytes } from 'node:crypto';
import { Client } from '@elastic/elasticsearch';
import { openElasticsearch, type ElasticsearchStores } from '../../datasources/elasticsearch/openElasticsearch';
import { suggestionIndexOf } from '../../datasources/elasticsearch/suggestionIndexMapping';
import { isTransientPgError } from '../../datasources/postgres/isTransientPgError';
import { PostgresSearchIndex } from '../../datasources/postgres/PostgresSearchIndex';
import { StorePolicy } from '../../datasources/shared/StorePolicy';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/core/logger';
import { samplePaths } from '../../src/seed/samplePaths';
import { seedCatalog } from '../../src/seed/seedCatalog';
import type { Stores } from '../../src/stores';
import { autocompleteContract } from '../contract/autocompleteContract';
import { openStoresWithSql } from '../support/openStoresWithSql';
import { sampleBatches } from '../support/sampleBatches';
import { storeEndpoints } from '../support/storeEndpoints';
import { describeStore } from './support/describeStore';
import { createThrowawayDatabase } from './support/throwawayDatabase';
import { deleteIndexFamily } from './support/elasticIndexFamily';

const logger = createLogger('silent');

describeStore('postgres', 'autocomplete on real PostgreSQL (shipped sample)', () => {
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

  autocompleteContract('PostgreSQL 15', () => search);
});

describeStore('elasticsearch', 'autocomplete on real Elasticsearch (shipped sample)', () => {
  const index = `works_it_${randomBytes(6).toString('hex')}`;
  let es: ElasticsearchStores;
  let admin: Client;

  beforeAll(async () => {
    admin = new Client({ node: storeEndpoints.elasticsearch });
    es = openElasticsearch({ url: storeEndpoints.elasticsearch }, logger, { index });
    await es.projection.ensureSchema();
    // Applied twice, in batches of different sizes: the suggestion index folds sightings as the catalog does.
    for (const batch of await sampleBatches(40)) await es.projection.apply(batch);
    for (const batch of await sampleBatches(7)) await es.projection.apply(batch);
    await es.projection.refresh();
  });
  afterAll(async () => {
    if (admin) await deleteIndexFamily(admin, index);
    await admin?.close();
    await es?.close();
  });

  it('creates the suggestion index beside the works index with its explicit mapping', async () => {
    const mapping = await admin.indices.getMapping({ index: suggestionIndexOf(index) });
    const properties = mapping[`${suggestionIndexOf(index)}_v1`]?.mappings.properties ?? {};
    expect(properties['name']).toMatchObject({ type: 'text', analyzer: 'standard', index_prefixes: { min_chars: 1, max_chars: 10 } });
    expect(properties['popularity']).toEqual({ type: 'long' });
  });

  autocompleteContract('Elasticsearch 8.8', () => es.search);
});
