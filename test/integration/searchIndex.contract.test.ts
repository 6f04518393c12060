import { type CatalogBatch } from '../../datasources/writes/catalogWrite';
import { ElasticBulkError } from '../../datasources/elasticsearch/ElasticProjection';
import { searchIndexContract } from '../contract/searchIndexContract';
import { searchSyntaxContract } from '../contract/searchSyntaxContract';
import { sampleBatches } from '../support/sampleBatches';
import { sampleGroundTruth } from '../support/sampleGroundTruth';
import { describeStore } from './support/describeStore';
import { throwawayCatalog } from './support/throwawayCatalog';
import { throwawayElasticIndex } from './support/throwawayElasticIndex';

describeStore('postgres', 'PostgresSearchIndex on real PostgreSQL (shipped sample)', () => {
  const catalog = throwawayCatalog();

  searchIndexContract('PostgreSQL full-text search (PostgreSQL 15)', () => catalog().search);
  searchSyntaxContract('PostgreSQL full-text search (PostgreSQL 15)', () => catalog().search);
});

describeStore('elasticsearch', 'ElasticSearchIndex on real Elasticsearch (shipped sample)', () => {
  const elastic = throwawayElasticIndex({ ensureSchemaTwice: true });

  it('creates the index with its explicit mapping: standard analyzer, title prefixes, keyword filters', async () => {
    const { admin, index } = elastic();
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
    const { admin, es, index } = elastic();
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
    const { es } = elastic();
    const [batch] = await sampleBatches(1);
    const work = batch?.works[0];
    if (work === undefined) throw new Error('the sample starts with a work');
    const broken = { ...work, id: 'W0', publicationYear: 'not a year' as unknown as number };
    await expect(es.projection.apply({ ...(batch as CatalogBatch), works: [broken] })).rejects.toThrow(ElasticBulkError);
    await expect(es.projection.apply({ ...(batch as CatalogBatch), works: [broken] })).rejects.toThrow(/first \(W0\): \w+_parsing_exception: .*publication_year/);
  });

  searchIndexContract('Elasticsearch 8.8 (standard analyzer, BM25)', () => elastic().es.search);
  searchSyntaxContract('Elasticsearch 8.8 (standard analyzer, BM25)', () => elastic().es.search);
});
