import { loadConfig } from '../../../src/config';
import { catalogSuite, type CatalogSuiteOptions, type PostgresCatalog } from '../../support/catalogSuite';
import { createThrowawayDatabase } from './throwawayDatabase';

/**
 * `catalogSuite` on a throwaway database of the real PostgreSQL server, dropped after the suite: registers the
 * suite's `beforeAll`/`afterAll`; the getter is valid in its tests. Call it inside a `describeStore('postgres', …)`.
 */
export function throwawayCatalog(options: CatalogSuiteOptions = {}): () => PostgresCatalog {
  return catalogSuite(async () => {
    const database = await createThrowawayDatabase();
    return { config: loadConfig({ DATABASE_URL: database.url, SEED: 'none' }), drop: database.drop };
  }, options);
}
