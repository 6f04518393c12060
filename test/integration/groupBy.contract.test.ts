import { groupByContract } from '../contract/groupByContract';
import { describeStore } from './support/describeStore';
import { throwawayCatalog } from './support/throwawayCatalog';
import { throwawayElasticIndex } from './support/throwawayElasticIndex';

describeStore('postgres', 'PostgresSearchIndex group-by on real PostgreSQL (shipped sample)', () => {
  const catalog = throwawayCatalog();

  groupByContract('PostgreSQL GROUP BY (PostgreSQL 15)', () => catalog().search);
});

describeStore('elasticsearch', 'ElasticSearchIndex group-by on real Elasticsearch (shipped sample)', () => {
  const elastic = throwawayElasticIndex();

  groupByContract('Elasticsearch 8.8 (terms and missing aggregations)', () => elastic().es.search);
});
