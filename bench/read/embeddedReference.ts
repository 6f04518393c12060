import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/core/logger';
import { seedSampleIfEmpty } from '../../src/seed/seedSampleIfEmpty';
import { openStoresWithSql } from '../../test/support/openStoresWithSql';
import { type SqlReader } from './sqlReader';

/** The embedded profile's database, built in this process: what SQL the expected answers are computed with. */
export interface EmbeddedReference {
  readonly sql: SqlReader;
  close(): Promise<void>;
}

/**
 * The database the embedded gateway builds on start (`DATA_DIR=memory://`: PGlite in memory, the catalog's
 * migrations, the shipped sample), built the same way here, in this process and apart from the gateway's: the
 * benchmark reads it with SQL only, to pick the queries' subjects and to compute their expected answers.
 */
export async function openEmbeddedReference(): Promise<EmbeddedReference> {
  const config = loadConfig({ DATA_DIR: 'memory://', NODE_ENV: 'production' });
  const logger = createLogger('warn');
  const { stores, sql } = await openStoresWithSql(config, logger);
  await seedSampleIfEmpty(config.postgres.seed, stores, logger);
  return { sql, close: () => stores.close() };
}
