import type { BulkLoad, CatalogBatch, CatalogWriter, SampleSeedState, SeenIds } from '../writes/catalogWrite';
import type { StorePolicy } from '../shared/StorePolicy';
import type { CopyExecutor } from './CopyExecutor';
import { PostgresSeenIds } from './PostgresSeenIds';
import type { SqlExecutor } from './SqlExecutor';
import { createIndexes, dropForBulkLoad, pendingIndexLanes, restoreAfterBulkLoad } from './sql/bulkLoadSql';
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
/** Statements of the bulk-load steps (dropping is quick; the rebuild sets its own, longer bound: see bulkLoadSql). */
const BULK_STEP_STATEMENT_TIMEOUT_MS = 60_000;
/** Connections rebuilding the set-aside indexes at once (the pool's default holds 10). */
const REBUILD_CONNECTIONS = 2;

/**
 * Upserts catalog batches into PostgreSQL, one transaction per batch: through COPY into staging tables and
 * set-based merges when `copy` is given (real PostgreSQL; its policy must not retry and allow COPY_BATCH_TIMEOUT_MS), else as parameterised upserts (see upsertCatalogBatch).
 * Both write the same rows.
 */
export class PostgresCatalogWriter implements CatalogWriter {
  readonly batchSize: number;
  /** True between beginBulkLoad's drop and its finish: batches commit without waiting for the WAL flush. */
  private bulkLoading = false;

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

  /**
   * Through COPY only (PGlite keeps its path): an empty catalog loses its secondary indexes and foreign keys until
   * `finish` rebuilds them from the definitions recorded beside the drop (sql/bulkLoadSql.ts); meanwhile batches
   * commit with synchronous_commit off (a crash may lose the last few, which the idempotent seed writes again).
   * The steps run without the policy's timeout: a rebuild over a large load outlasts one batch's bound.
   */
  async beginBulkLoad(): Promise<BulkLoad | undefined> {
    const copy = this.copy;
    if (!copy) return undefined;
    const setAside = await copy.executor.copyTransaction((tx) => dropForBulkLoad(tx), BULK_STEP_STATEMENT_TIMEOUT_MS);
    if (setAside === undefined) return undefined;
    this.bulkLoading = true;
    let finished: Promise<void> | undefined;
    return {
      setAside,
      finish: () =>
        (finished ??= (async () => {
          this.bulkLoading = false;
          // The indexes on two connections at once (one GIN build uses one core), then the foreign keys and the record.
          const lanes = await copy.executor.copyTransaction((tx) => pendingIndexLanes(tx, REBUILD_CONNECTIONS), BULK_STEP_STATEMENT_TIMEOUT_MS);
          await Promise.all(lanes.map((lane) => copy.executor.copyTransaction((tx) => createIndexes(tx, lane), BULK_STEP_STATEMENT_TIMEOUT_MS)));
          await copy.executor.copyTransaction((tx) => restoreAfterBulkLoad(tx), BULK_STEP_STATEMENT_TIMEOUT_MS);
        })()),
    };
  }

  upsert(batch: CatalogBatch): Promise<void> {
    const copy = this.copy;
    if (copy) {
      const bulk = this.bulkLoading;
      return copy.policy.execute('catalog.copy', () =>
        copy.executor.copyTransaction(async (tx) => {
          if (bulk) await tx.query("SELECT set_config('synchronous_commit', 'off', true)");
          await copyCatalogBatch(tx, batch, { worksMayBeNew: bulk });
        }, COPY_STATEMENT_TIMEOUT_MS),
      );
    }
    return this.policy.execute('catalog.upsert', () => this.db.transaction((tx) => upsertCatalogBatch(tx, batch)));
  }
}
