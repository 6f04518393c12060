import { isTransientPgError } from '../../datasources/postgres/isTransientPgError';
import { PostgresSearchIndex } from '../../datasources/postgres/PostgresSearchIndex';
import { StorePolicy } from '../../datasources/shared/StorePolicy';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/core/logger';
import type { Stores } from '../../src/stores';
import type { SqlExecutor } from '../../datasources/postgres/SqlExecutor';
import { openStoresWithSql } from '../support/openStoresWithSql';
import { highlightContract } from '../contract/highlightContract';

describe('PostgresSearchIndex highlights on embedded PGlite', () => {
  let stores: Stores;
  let sql: SqlExecutor;
  let search: PostgresSearchIndex;

  beforeAll(async () => {
    ({ stores, sql } = await openStoresWithSql(loadConfig({ DATA_DIR: 'memory://', SEED: 'none' }), createLogger('silent')));
    search = new PostgresSearchIndex(sql, new StorePolicy('postgres', isTransientPgError));
  });
  afterAll(() => stores?.close());

  highlightContract('PostgreSQL full-text search (PGlite)', () => search, (batch) => stores.catalogWriter.upsert(batch));
});
