import { suggestionIndexOf } from '../../datasources/elasticsearch/suggestionIndexMapping';
import { autocompleteContract } from '../contract/autocompleteContract';
import { describeStore } from './support/describeStore';
import { throwawayCatalog } from './support/throwawayCatalog';
import { throwawayElasticIndex } from './support/throwawayElasticIndex';

describeStore('postgres', 'autocomplete on real PostgreSQL (shipped sample)', () => {
  const catalog = throwawayCatalog();

  autocompleteContract('PostgreSQL 15', () => catalog().search);
});

describeStore('elasticsearch', 'autocomplete on real Elasticsearch (shipped sample)', () => {
  // Applied twice, in batches of different sizes: the suggestion index folds sightings as the catalog does.
  const elastic = throwawayElasticIndex({ sampleBatchSizes: [40, 7] });

  it('creates the suggestion index beside the works index with its explicit mapping', async () => {
    const { admin, index } = elastic();
    const mapping = await admin.indices.getMapping({ index: suggestionIndexOf(index) });
    const properties = mapping[`${suggestionIndexOf(index)}_v1`]?.mappings.properties ?? {};
    expect(properties['name']).toMatchObject({ type: 'text', analyzer: 'standard', index_prefixes: { min_chars: 1, max_chars: 10 } });
    expect(properties['popularity']).toEqual({ type: 'long' });
  });

  autocompleteContract('Elasticsearch 8.8', () => elastic().es.search);
});
