import type { StorePolicy } from '../shared/StorePolicy';
import type { SubjectKey, SubjectTotalsRound, SubjectTrendTotals, SubjectYearTotal } from '../writes/SubjectTrendTotals';
import type { SqlExecutor } from './SqlExecutor';
import { DEQUEUE_SQL, QUEUE_SUBJECTS_OF_WORKS_SQL, SUBJECT_YEAR_TOTALS_SQL, TAKE_QUEUED_SQL, TREND_RECOMPUTE_LOCK } from './sql/subjectTotalsSql';

/**
 * Server-side bound of each statement of a round (the pool's default is 10 s): the totals of a round's
 * subjects read every work of theirs, and a hub topic may have hundreds of thousands.
 */
const ROUND_STATEMENT_TIMEOUT = '120s';

interface QueuedRow {
  readonly kind: SubjectKey['kind'];
  readonly subject_id: string;
  readonly seq: number | string;
}

interface TotalRow {
  readonly kind: SubjectKey['kind'];
  readonly subject_id: string;
  readonly year: number;
  readonly works: number | string;
  readonly citations: number | string;
}

/**
 * The recomputation queue of migration 008 and subjects' totals recomputed from the catalog. A round runs in one
 * transaction holding a transaction-level advisory lock: rounds of every process run one after another, and each
 * reads the catalog (READ COMMITTED: a fresh snapshot per statement) after the previous round's write. The queue
 * rows are not locked while `write` runs, so writers queueing subjects never wait for the projection's store.
 */
export class PostgresSubjectTrendTotals implements SubjectTrendTotals {
  constructor(
    private readonly db: Pick<SqlExecutor, 'query' | 'transaction'>,
    /** A policy without retries of its own: the projection's caller retries a failed round (it is idempotent). */
    private readonly policy: StorePolicy,
  ) {}

  async queueSubjectsOfWorks(workIds: readonly string[]): Promise<void> {
    if (workIds.length === 0) return;
    await this.policy.execute('trends.queueSubjects', () => this.db.query(QUEUE_SUBJECTS_OF_WORKS_SQL, [[...workIds]]));
  }

  recomputeQueued(limit: number, write: (round: SubjectTotalsRound) => Promise<void>): Promise<number> {
    if (!Number.isSafeInteger(limit) || limit < 1) throw new RangeError(`bad recompute limit ${String(limit)}`);
    return this.policy.execute('trends.recompute', () =>
      this.db.transaction(async (tx) => {
        await tx.query(`SET LOCAL statement_timeout = '${ROUND_STATEMENT_TIMEOUT}'`);
        await tx.query('SELECT pg_advisory_xact_lock($1)', [TREND_RECOMPUTE_LOCK]);
        const queued = await tx.query<QueuedRow>(TAKE_QUEUED_SQL, [limit]);
        if (queued.length === 0) return 0;
        const kinds = queued.map((q) => q.kind);
        const ids = queued.map((q) => q.subject_id);
        const rows = await tx.query<TotalRow>(SUBJECT_YEAR_TOTALS_SQL, [kinds, ids]);
        const totals: SubjectYearTotal[] = rows.map((r) => ({ kind: r.kind, id: r.subject_id, year: Number(r.year), works: Number(r.works), citations: Number(r.citations) }));
        await write({ subjects: queued.map((q) => ({ kind: q.kind, id: q.subject_id })), totals });
        await tx.query(DEQUEUE_SQL, [kinds, ids, queued.map((q) => Number(q.seq))]);
        return queued.length;
      }),
    );
  }
}
