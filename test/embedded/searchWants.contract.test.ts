import { searchWantsContract } from '../contract/searchWantsContract';
import { embeddedCatalog } from './support/embeddedCatalog';

describe('PostgresSearchIndex wants on embedded PGlite (shipped sample)', () => {
  const catalog = embeddedCatalog();

  searchWantsContract('PostgreSQL full-text search (PGlite)', () => catalog().search);
});
