import type { CatalogBatch, CatalogWriter, SampleSeedState } from '../writes/catalogWrite';
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

  async sampleSeedState(): Promise<SampleSeedState> {
    const [row] = await this.policy.execute('state.sampleSeed', () => this.db.query<{ value: string }>("SELECT value FROM gateway_state WHERE key = 'sample_seed'"));
    return row?.value === 'started' || row?.value === 'done' ? row.value : 'none';
  }

  async markSampleSeed(state: Exclude<SampleSeedState, 'none'>): Promise<void> {
    await this.policy.execute('state.markSampleSeed', () =>
      this.db.query(
        "INSERT INTO gateway_state (key, value) VALUES ('sample_seed', $1) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()",
        [state],
      ),
    );
  }

  upsert(batch: CatalogBatch): Promise<void> {
    return this.policy.execute('catalog.upsert', () => this.db.transaction((tx) => upsertCatalogBatch(tx, batch)));
  }
}
