import { searchWantsContract } from '../contract/searchWantsContract';
import { describeStore } from './support/describeStore';
import { throwawayCatalog } from './support/throwawayCatalog';
import { throwawayElasticIndex } from './support/throwawayElasticIndex';

describeStore('postgres', 'PostgresSearchIndex wants on real PostgreSQL (shipped sample)', () => {
  const catalog = throwawayCatalog();

  searchWantsContract('PostgreSQL full-text search (PostgreSQL 15)', () => catalog().search);
});

describeStore('elasticsearch', 'ElasticSearchIndex wants on real Elasticsearch (shipped sample)', () => {
  const elastic = throwawayElasticIndex();

  searchWantsContract('Elasticsearch 8.8 (size 0, selected aggregations)', () => elastic().es.search);
});
