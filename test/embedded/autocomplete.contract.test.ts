import { autocompleteContract } from '../contract/autocompleteContract';
import { embeddedCatalog } from './support/embeddedCatalog';

describe('autocomplete on embedded PGlite (shipped sample)', () => {
  const catalog = embeddedCatalog();

  autocompleteContract('PostgreSQL (PGlite)', () => catalog().search);
});
