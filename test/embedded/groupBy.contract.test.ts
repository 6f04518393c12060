import { groupByContract } from '../contract/groupByContract';
import { embeddedCatalog } from './support/embeddedCatalog';

describe('PostgresSearchIndex group-by on embedded PGlite (shipped sample)', () => {
  const catalog = embeddedCatalog();

  groupByContract('PostgreSQL GROUP BY (PGlite)', () => catalog().search);
});
