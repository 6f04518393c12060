import { loadConfig } from '../../../src/config';
import { catalogSuite, type CatalogSuiteOptions, type PostgresCatalog } from '../../support/catalogSuite';

/**
 * `catalogSuite` on an in-memory PGlite catalog of its own (DATA_DIR=memory://, gone with its stores): registers the
 * suite's `beforeAll`/`afterAll`; the getter is valid in its tests.
 */
export function embeddedCatalog(options: CatalogSuiteOptions = {}): () => PostgresCatalog {
  return catalogSuite(async () => ({ config: loadConfig({ DATA_DIR: 'memory://', SEED: 'none' }) }), options);
}
