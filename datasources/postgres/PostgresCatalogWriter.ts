import type { CatalogBatch, CatalogWriter, SampleSeedState, SeenIds } from '../writes/catalogWrite';
import type { StorePolicy } from '../shared/StorePolicy';
import type { CopyExecutor } from './CopyExecutor';
import { PostgresSeenIds } from './PostgresSeenIds';
import type { SqlExecutor } from './SqlExecutor';
import { copyCatalogBatch } from './sql/copyCatalogBatch';
import { upsertCatalogBatch } from './sql/upsertCatalogBatch';

/** Records per transaction through COPY: large enough that per-statement costs vanish, small enough that the two batches a seed holds (one written, one read) stay well under 1 GB. */
const COPY_BATCH_SIZE = 5_000;
/** Records per transaction through parameterised upserts (PGlite, or PostgreSQL without COPY). */
const UPSERT_BATCH_SIZE = 200;
/** A COPY batch's statements may take longer than a request's (the pool's default is 10 s); see COPY_BATCH_TIMEOUT_MS. */
const COPY_STATEMENT_TIMEOUT_MS = 300_000;
/** The policy bounding one COPY batch (the whole transaction), for openPostgres. */
export const COPY_BATCH_TIMEOUT_MS = 600_000;

/**
 * Upserts catalog batches into PostgreSQL, one transaction per batch: through COPY into staging tables and
 * set-based merges when `copy` is given (real PostgreSQL; its policy must not retry and allow COPY_BATCH_TIMEOUT_MS), else as parameterised upserts (see upsertCatalogBatch).
 * Both write the same rows.
 */
export class PostgresCatalogWriter implements CatalogWriter {
  readonly batchSize: number;

  constructor(
    private readonly db: SqlExecutor,
    private readonly policy: StorePolicy,
    private readonly copy?: { readonly executor: CopyExecutor; readonly policy: StorePolicy },
  ) {
    this.batchSize = copy ? COPY_BATCH_SIZE : UPSERT_BATCH_SIZE;
  }

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

  openSeenIds(): Promise<SeenIds> {
    return this.policy.execute('seed.seenIds', () => PostgresSeenIds.open(this.db));
  }

  upsert(batch: CatalogBatch): Promise<void> {
    const copy = this.copy;
    if (copy) return copy.policy.execute('catalog.copy', () => copy.executor.copyTransaction((tx) => copyCatalogBatch(tx, batch), COPY_STATEMENT_TIMEOUT_MS));
    return this.policy.execute('catalog.upsert', () => this.db.transaction((tx) => upsertCatalogBatch(tx, batch)));
  }
}
