import { highlightContract } from '../contract/highlightContract';
import { embeddedCatalog } from './support/embeddedCatalog';

describe('PostgresSearchIndex highlights on embedded PGlite', () => {
  // Empty: the contract writes the works it highlights.
  const catalog = embeddedCatalog({ seed: 'none' });

  highlightContract('PostgreSQL full-text search (PGlite)', () => catalog().search, (batch) => catalog().stores.catalogWriter.upsert(batch));
});
