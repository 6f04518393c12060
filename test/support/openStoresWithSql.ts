import type { SqlExecutor } from '../../datasources/postgres/SqlExecutor';
import type { Config } from '../../src/config';
import type { Logger } from '../../src/core/logger';
import { type OpenStoresOptions, openStores, type Stores } from '../../src/stores';

/** Opened stores and the raw SQL executor under them (production code never hands the executor out). */
export interface StoresWithSql {
  readonly stores: Stores;
  readonly sql: SqlExecutor;
}

/** `openStores`, keeping the executor it opens (wrapped by `options.wrapSql` if given) for tests that query tables directly. */
export async function openStoresWithSql(config: Config, logger: Logger, options: OpenStoresOptions = {}): Promise<StoresWithSql> {
  let sql: SqlExecutor | undefined;
  const stores = await openStores(config, logger, {
    wrapSql: (raw) => {
      sql = options.wrapSql ? options.wrapSql(raw) : raw;
      return sql;
    },
  });
  if (!sql) throw new Error('openStores opened no SQL executor');
  return { stores, sql };
}
