import { isTransientPgError } from '../../datasources/postgres/isTransientPgError';
import { PostgresCitationGraph } from '../../datasources/postgres/PostgresCitationGraph';
import { StorePolicy } from '../../datasources/shared/StorePolicy';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/core/logger';
import { samplePaths } from '../../src/seed/samplePaths';
import { seedCatalog } from '../../src/seed/seedCatalog';
import type { Stores } from '../../src/stores';
import type { SqlExecutor } from '../../datasources/postgres/SqlExecutor';
import { openStoresWithSql } from '../support/openStoresWithSql';
import { citationGraphContract } from '../contract/citationGraphContract';

describe('PostgresCitationGraph on embedded PGlite (shipped sample)', () => {
  let stores: Stores;
  let sql: SqlExecutor;
  let graph: PostgresCitationGraph;

  beforeAll(async () => {
    ({ stores, sql } = await openStoresWithSql(loadConfig({ DATA_DIR: 'memory://', SEED: 'none' }), createLogger('silent')));
    const report = await seedCatalog(samplePaths(), stores.catalogWriter);
    expect(report.rejected).toEqual([]);
    graph = new PostgresCitationGraph(sql, new StorePolicy('postgres', isTransientPgError));
  });
  afterAll(() => stores?.close());

  it('is the PostgreSQL backend', () => {
    expect(graph.backend).toBe('postgresql');
  });

  citationGraphContract('PostgreSQL on PGlite', () => graph);
});
