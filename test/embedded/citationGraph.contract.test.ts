import { citationGraphContract } from '../contract/citationGraphContract';
import { embeddedCatalog } from './support/embeddedCatalog';

describe('PostgresCitationGraph on embedded PGlite (shipped sample)', () => {
  const catalog = embeddedCatalog();

  it('is the PostgreSQL backend', () => {
    expect(catalog().citationGraph.backend).toBe('postgresql');
  });

  citationGraphContract('PostgreSQL on PGlite', () => catalog().citationGraph);
});
