import { highlightContract } from '../contract/highlightContract';
import { describeStore } from './support/describeStore';
import { throwawayCatalog } from './support/throwawayCatalog';
import { throwawayElasticIndex } from './support/throwawayElasticIndex';

// Both stores start empty: the contract writes the works it highlights.
describeStore('postgres', 'PostgresSearchIndex highlights on real PostgreSQL', () => {
  const catalog = throwawayCatalog({ seed: 'none' });

  highlightContract('PostgreSQL full-text search (PostgreSQL 15)', () => catalog().search, (batch) => catalog().stores.catalogWriter.upsert(batch));
});

describeStore('elasticsearch', 'ElasticSearchIndex highlights on real Elasticsearch', () => {
  const elastic = throwawayElasticIndex({ prefix: 'works_hl', sampleBatchSizes: [] });

  highlightContract('Elasticsearch 8.8 (html encoder)', () => elastic().es.search, async (batch) => {
    await elastic().es.projection.apply(batch);
    await elastic().es.projection.refresh();
  });
});
