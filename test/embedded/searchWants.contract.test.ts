import { isTransientPgError } from '../../datasources/postgres/isTransientPgError';
import { PostgresSearchIndex } from '../../datasources/postgres/PostgresSearchIndex';
import { StorePolicy } from '../../datasources/shared/StorePolicy';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/core/logger';
import { samplePaths } from '../../src/seed/samplePaths';
import { seedCatalog } from '../../src/seed/seedCatalog';
import type { Stores } from '../../src/stores';
import { searchWantsContract } from '../contract/searchWantsContract';
import { openStoresWithSql } from '../support/openStoresWithSql';

describe('PostgresSearchIndex wants on embedded PGlite (shipped sample)', () => {
  let stores: Stores;
  let search: PostgresSearchIndex;

  beforeAll(async () => {
    const opened = await openStoresWithSql(loadConfig({ DATA_DIR: 'memory://', SEED: 'none' }), createLogger('silent'));
    stores = opened.stores;
    await seedCatalog(samplePaths(), stores.catalogWriter);
    search = new PostgresSearchIndex(opened.sql, new StorePolicy('postgres', isTransientPgError));
  });
  afterAll(() => stores?.close());

  searchWantsContract('PostgreSQL full-text search (PGlite)', () => search);
});
