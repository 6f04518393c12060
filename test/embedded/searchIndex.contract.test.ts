import { isTransientPgError } from '../../datasources/postgres/isTransientPgError';
import { PostgresSearchIndex } from '../../datasources/postgres/PostgresSearchIndex';
import { StorePolicy } from '../../datasources/shared/StorePolicy';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/core/logger';
import { samplePaths } from '../../src/seed/samplePaths';
import { seedCatalog } from '../../src/seed/seedCatalog';
import type { Stores } from '../../src/stores';
import type { SqlExecutor } from '../../datasources/postgres/SqlExecutor';
import { openStoresWithSql } from '../support/openStoresWithSql';
import { searchIndexContract } from '../contract/searchIndexContract';
import { searchSyntaxContract } from '../contract/searchSyntaxContract';
import { sampleGroundTruth } from '../support/sampleGroundTruth';

describe('PostgresSearchIndex on embedded PGlite (shipped sample)', () => {
  let stores: Stores;
  let sql: SqlExecutor;
  let search: PostgresSearchIndex;

  beforeAll(async () => {
    ({ stores, sql } = await openStoresWithSql(loadConfig({ DATA_DIR: 'memory://', SEED: 'none' }), createLogger('silent')));
    await seedCatalog(samplePaths(), stores.catalogWriter);
    search = new PostgresSearchIndex(sql, new StorePolicy('postgres', isTransientPgError));
  });
  afterAll(() => stores?.close());

  it('indexes every loaded work (migration 002 fills search_vector for rows written before and after it)', async () => {
    const [row] = await sql.query<{ n: number }>("SELECT count(*)::integer AS n FROM works WHERE search_vector <> ''::tsvector");
    expect(row?.n).toBe([...sampleGroundTruth().works.values()].filter((w) => w.title != null || w.abstract != null).length);
  });

  searchIndexContract('PostgreSQL full-text search (PGlite)', () => search);
  searchSyntaxContract('PostgreSQL full-text search (PGlite)', () => search);
});
