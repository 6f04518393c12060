import { randomBytes } from 'node:crypto';
import { Client } from '@elastic/elasticsearch';
import { type CatalogBatch } from '../../datasources/writes/catalogWrite';
import { ElasticBulkError } from '../../datasources/elasticsearch/ElasticProjection';
import { openElasticsearch, type ElasticsearchStores } from '../../datasources/elasticsearch/openElasticsearch';
import { isTransientPgError } from '../../datasources/postgres/isTransientPgError';
import { PostgresSearchIndex } from '../../datasources/postgres/PostgresSearchIndex';
import { StorePolicy } from '../../datasources/shared/StorePolicy';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/core/logger';
import { samplePaths } from '../../src/seed/samplePaths';
import { seedCatalog } from '../../src/seed/seedCatalog';
import type { Stores } from '../../src/stores';
import type { SqlExecutor } from '../../datasources/postgres/SqlExecutor';
import { openStoresWithSql } from '../support/openStoresWithSql';
import { searchIndexContract } from '../contract/searchIndexContract';
import { searchSyntaxContract } from '../contract/searchSyntaxContract';
import { sampleGroundTruth } from '../support/sampleGroundTruth';
import { storeEndpoints } from '../support/storeEndpoints';
import { describeStore } from './support/describeStore';
import { createThrowawayDatabase } from './support/throwawayDatabase';
import { sampleBatches } from '../support/sampleBatches';
import { deleteIndexFamily } from './support/elasticIndexFamily';

const logger = createLogger('silent');

describeStore('postgres', 'PostgresSearchIndex on real PostgreSQL (shipped sample)', () => {
  let database: Awaited<ReturnType<typeof createThrowawayDatabase>>;
  let stores: Stores;
  let sql: SqlExecutor;
  let search: PostgresSearchIndex;

  beforeAll(async () => {
    database = await createThrowawayDatabase();
    ({ stores, sql } = await openStoresWithSql(loadConfig({ DATABASE_URL: database.url, SEED: 'none' }), logger));
    await seedCatalog(samplePaths(), stores.catalogWriter);
    search = new PostgresSearchIndex(sql, new StorePolicy('postgres', isTransientPgError));
  });
  afterAll(async () => {
    await stores?.close();
    await database?.drop();
  });

  searchIndexContract('PostgreSQL full-text search (PostgreSQL 15)', () => search);
  searchSyntaxContract('PostgreSQL full-text search (PostgreSQL 15)', () => search);
});

describeStore('elasticsearch', 'ElasticSearchIndex on real Elasticsearch (shipped sample)', () => {
  const index = `works_it_${randomBytes(6).toString('hex')}`;
  let es: ElasticsearchStores;
  let admin: Client;

  beforeAll(async () => {
    admin = new Client({ node: storeEndpoints.elasticsearch });
    es = openElasticsearch({ url: storeEndpoints.elasticsearch }, logger, { index });
    await es.projection.ensureSchema();
    await es.projection.ensureSchema(); // idempotent
    for (const batch of await sampleBatches(40)) await es.projection.apply(batch);
    await es.projection.refresh();
  });
  afterAll(async () => {
    if (admin) await deleteIndexFamily(admin, index);
    await admin?.close();
    await es?.close();
  });

  it('creates the index with its explicit mapping: standard analyzer, title prefixes, keyword filters', async () => {
    // The configured name is an alias over generation 1, the index the gateway created.
    const mapping = await admin.indices.getMapping({ index });
    expect(Object.keys(mapping)).toEqual([`${index}_v1`]);
    expect(await admin.indices.existsAlias({ name: index })).toBe(true);
    const properties = mapping[`${index}_v1`]?.mappings.properties ?? {};
    expect(mapping[`${index}_v1`]?.mappings.dynamic).toBe('strict');
    expect(properties['title']).toMatchObject({ type: 'text', analyzer: 'standard', index_prefixes: { min_chars: 1, max_chars: 10 } });
    expect(properties['author_ids']).toEqual({ type: 'keyword' });
  });

  it('holds one document per loaded work, also after the sample is applied again (in other batches)', async () => {
    const loaded = sampleGroundTruth().works.size;
    expect((await admin.count({ index })).count).toBe(loaded);
    for (const batch of await sampleBatches(100)) await es.projection.apply(batch);
    await es.projection.refresh();
    expect((await admin.count({ index })).count).toBe(loaded);
    // Re-indexing left deleted copies behind, which BM25 statistics would still count: merge them away so
    // that the scores below are those of a freshly built index.
    await admin.indices.forcemerge({ index, max_num_segments: 1 });
    await es.projection.refresh();
  });

  it('throws the first refused document of a bulk request, naming it', async () => {
    const [batch] = await sampleBatches(1);
    const work = batch?.works[0];
    if (work === undefined) throw new Error('the sample starts with a work');
    const broken = { ...work, id: 'W0', publicationYear: 'not a year' as unknown as number };
    await expect(es.projection.apply({ ...(batch as CatalogBatch), works: [broken] })).rejects.toThrow(ElasticBulkError);
    await expect(es.projection.apply({ ...(batch as CatalogBatch), works: [broken] })).rejects.toThrow(/first \(W0\): \w+_parsing_exception: .*publication_year/);
  });

  searchIndexContract('Elasticsearch 8.8 (standard analyzer, BM25)', () => es.search);
  searchSyntaxContract('Elasticsearch 8.8 (standard analyzer, BM25)', () => es.search);
});
