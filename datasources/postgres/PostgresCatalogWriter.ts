import type { CatalogBatch, CatalogWriter } from '../catalogWrite';
import type { StorePolicy } from '../shared/StorePolicy';
import type { SqlExecutor } from './SqlExecutor';
import { upsertCatalogBatch } from './sql/upsertCatalogBatch';

/** Upserts catalog batches into PostgreSQL, one transaction per batch (see upsertCatalogBatch). */
export class PostgresCatalogWriter implements CatalogWriter {
  constructor(
    private readonly db: SqlExecutor,
    private readonly policy: StorePolicy,
  ) {}

  async countWorks(): Promise<number> {
    const [row] = await this.policy.execute('works.countAll', () => this.db.query<{ n: number }>('SELECT count(*)::integer AS n FROM works'));
    return row?.n ?? 0;
  }

  upsert(batch: CatalogBatch): Promise<void> {
    return this.policy.execute('catalog.upsert', () => this.db.transaction((tx) => upsertCatalogBatch(tx, batch)));
  }
}
