import { isTransientPgError } from '../../datasources/postgres/isTransientPgError';
import { PostgresCitationGraph } from '../../datasources/postgres/PostgresCitationGraph';
import { StorePolicy } from '../../datasources/shared/StorePolicy';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/core/logger';
import type { Stores } from '../../src/stores';
import type { SqlExecutor } from '../../datasources/postgres/SqlExecutor';
import { openStoresWithSql } from '../support/openStoresWithSql';
import { generatedCorpusBatches } from '../support/generatedCorpusBatches';
import { boundedWalkContract, walkCorpus } from '../contract/boundedWalkContract';

describe('PostgresCitationGraph on embedded PGlite (generated hub-heavy corpus)', () => {
  let stores: Stores;
  let sql: SqlExecutor;
  let graph: PostgresCitationGraph;

  beforeAll(async () => {
    ({ stores, sql } = await openStoresWithSql(loadConfig({ DATA_DIR: 'memory://', SEED: 'none' }), createLogger('silent')));
    for (const batch of await generatedCorpusBatches(walkCorpus(), 200)) await stores.catalogWriter.upsert(batch);
    graph = new PostgresCitationGraph(sql, new StorePolicy('postgres', isTransientPgError));
  }, 120_000);
  afterAll(() => stores?.close());

  boundedWalkContract('PostgreSQL on PGlite', () => graph);
});
