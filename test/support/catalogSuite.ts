import { isTransientPgError } from '../../datasources/postgres/isTransientPgError';
import { PostgresCitationGraph } from '../../datasources/postgres/PostgresCitationGraph';
import { PostgresSearchIndex } from '../../datasources/postgres/PostgresSearchIndex';
import { PostgresTrendStore } from '../../datasources/postgres/PostgresTrendStore';
import { StorePolicy } from '../../datasources/shared/StorePolicy';
import type { Config } from '../../src/config';
import { createLogger } from '../../src/core/logger';
import { samplePaths } from '../../src/seed/samplePaths';
import { seedCatalog } from '../../src/seed/seedCatalog';
import type { OpenStoresOptions, Stores } from '../../src/stores';
import { openStoresWithSql, type StoresWithSql } from './openStoresWithSql';

/** What a suite over one catalog sees once its `beforeAll` has run: the stores, their executor, the PostgreSQL capabilities over it. */
export interface PostgresCatalog extends StoresWithSql {
  /** Each capability has its own `postgres` policy, as a suite building it by hand would give it. */
  readonly search: PostgresSearchIndex;
  readonly citationGraph: PostgresCitationGraph;
  readonly trends: PostgresTrendStore;
}

export interface CatalogSuiteOptions {
  /**
   * What the catalog holds before the tests: `'sample'` (the default) the shipped sample, seeded as the seed CLI
   * does and none of it rejected; `'none'` nothing; a function, what it writes.
   */
  readonly seed?: 'sample' | 'none' | ((stores: Stores) => Promise<void>);
  /** Wraps the SQL executor (openStores' option, e.g. to count statements): `sql` and the capabilities use the wrapped one. */
  readonly wrapSql?: OpenStoresOptions['wrapSql'];
  /** The `beforeAll`'s timeout, for a large `seed`. */
  readonly timeoutMs?: number;
}

/** Where a suite's catalog lives: the configuration to open the stores with, and what removes it once they are closed. */
export interface CatalogLocation {
  readonly config: Config;
  readonly drop?: () => Promise<void>;
}

/**
 * Registers `beforeAll`/`afterAll` that open the stores on the catalog `locate` gives and fill it as `options.seed`
 * says, then close the stores and drop the catalog (also when opening or seeding failed). Call it inside the suite's
 * `describe`; the getter is valid in its tests. Each tier wraps it with its own `locate`.
 */
export function catalogSuite(locate: () => Promise<CatalogLocation>, options: CatalogSuiteOptions = {}): () => PostgresCatalog {
  let location: CatalogLocation | undefined;
  let opened: StoresWithSql | undefined;
  let catalog: PostgresCatalog | undefined;

  beforeAll(async () => {
    location = await locate();
    opened = await openStoresWithSql(location.config, createLogger('silent'), options.wrapSql ? { wrapSql: options.wrapSql } : {});
    await seed(opened.stores, options.seed ?? 'sample');
    const policy = () => new StorePolicy('postgres', isTransientPgError);
    catalog = {
      ...opened,
      search: new PostgresSearchIndex(opened.sql, policy()),
      citationGraph: new PostgresCitationGraph(opened.sql, policy()),
      trends: new PostgresTrendStore(opened.sql, policy()),
    };
  }, options.timeoutMs);
  afterAll(async () => {
    await opened?.stores.close();
    await location?.drop?.();
  });

  return () => {
    if (!catalog) throw new Error('catalogSuite: used before its beforeAll ran');
    return catalog;
  };
}

async function seed(stores: Stores, how: NonNullable<CatalogSuiteOptions['seed']>): Promise<void> {
  if (how === 'none') return;
  if (how !== 'sample') return how(stores);
  const report = await seedCatalog(samplePaths(), stores.catalogWriter);
  expect(report.rejected).toEqual([]);
}
