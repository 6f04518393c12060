import type { ChangeTrace, ChangeTraces } from '../writes/ChangeTraces';
import type { StorePolicy } from '../shared/StorePolicy';
import type { SqlExecutor } from './SqlExecutor';
import { TRACE_SQL } from './sql/outboxSql';
import type { StoreName } from '../../src/core/StoreName';

interface TraceRow {
  work_id: string | null;
  pending_stores: StoreName[] | null;
  attempts: number | null;
  last_error: string | null;
  dead_lettered_at: Date | string | null;
  current_version: number | null;
  issued: boolean | null;
}

/** Change traces from the outbox table and the works' versions (sql/outboxSql.ts TRACE_SQL), under the store's policy. */
export class PostgresChangeTraces implements ChangeTraces {
  constructor(
    private readonly db: SqlExecutor,
    private readonly policy: StorePolicy,
  ) {}

  async trace(outboxId: string | null, workId: string): Promise<ChangeTrace> {
    const [row] = await this.policy.execute('outbox.trace', () => this.db.query<TraceRow>(TRACE_SQL, [outboxId, workId]));
    const currentVersion = row?.current_version ?? null;
    if (!row || row.work_id === null) return { record: undefined, issued: outboxId === null || row?.issued === true, currentVersion };
    return {
      record: {
        workId: row.work_id,
        pendingStores: row.pending_stores ?? [],
        attempts: row.attempts ?? 0,
        lastError: row.last_error,
        deadLetteredAt: row.dead_lettered_at === null ? null : new Date(row.dead_lettered_at),
      },
      issued: true,
      currentVersion,
    };
  }
}
