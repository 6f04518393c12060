import type { ArticleOperation, TouchedIds } from '../writes/articleWrite';
import type { DeliveryOutcome, Outbox, OutboxRecord, OutboxRecordState } from '../writes/Outbox';
import type { OutboxStats } from '../../src/core/metrics';
import type { StorePolicy } from '../shared/StorePolicy';
import type { SqlExecutor } from './SqlExecutor';
import { CLAIM_SQL, DEAD_LETTERS_SQL, DELETE_DELIVERED_SQL, REQUEUE_SQL, SETTLE_FAILED_SQL, STATE_SQL, STATS_SQL } from './sql/outboxSql';
import type { StoreName } from '../../src/core/StoreName';

interface RecordRow {
  id: string;
  work_id: string;
  operation: ArticleOperation;
  touched: TouchedIds | string;
  pending_stores: StoreName[];
  attempts: number;
  last_error: string | null;
  created_at: Date | string;
  dead_lettered_at: Date | string | null;
}

/** The outbox table in PostgreSQL (see Outbox and sql/outboxSql.ts), under the store's policy. */
export class PostgresOutbox implements Outbox {
  constructor(
    private readonly db: SqlExecutor,
    private readonly policy: StorePolicy,
  ) {}

  async claim(relayId: string, limit: number, leaseMs: number): Promise<OutboxRecord[]> {
    const rows = await this.policy.execute('outbox.claim', () => this.db.query<RecordRow>(CLAIM_SQL, [limit, leaseMs, relayId]));
    return rows.map(toRecord).sort((a, b) => Number(BigInt(a.id) - BigInt(b.id)));
  }

  async settle(record: OutboxRecord, relayId: string, outcome: DeliveryOutcome, retryAfterMs: number, maxAttempts: number) {
    if (outcome.failed.length === 0) {
      await this.policy.execute('outbox.delete', () => this.db.query(DELETE_DELIVERED_SQL, [record.id, relayId]));
      return 'delivered' as const;
    }
    const pending = outcome.failed.map((f) => f.store);
    const error = outcome.failed.map((f) => `${f.store}: ${f.error}`).join('; ').slice(0, 2000);
    const [row] = await this.policy.execute('outbox.settle', () =>
      this.db.query<{ dead: boolean }>(SETTLE_FAILED_SQL, [record.id, relayId, pending, outcome.countsAsAttempt ? 1 : 0, error, retryAfterMs, maxAttempts]),
    );
    return row?.dead ? ('dead-lettered' as const) : ('retry' as const);
  }

  async state(id: string): Promise<OutboxRecordState> {
    const [row] = await this.policy.execute('outbox.state', () => this.db.query<Omit<RecordRow, 'id' | 'work_id' | 'operation' | 'touched' | 'created_at'>>(STATE_SQL, [id]));
    if (!row) return undefined;
    return { pendingStores: row.pending_stores, attempts: row.attempts, lastError: row.last_error, deadLetteredAt: toDate(row.dead_lettered_at) };
  }

  async stats(): Promise<OutboxStats> {
    const [row] = await this.policy.execute('outbox.stats', () =>
      this.db.query<{ pending: number; dead_lettered: number; oldest_age: number | null }>(STATS_SQL),
    );
    return { pending: row?.pending ?? 0, deadLettered: row?.dead_lettered ?? 0, oldestPendingAgeSeconds: row?.oldest_age ?? null };
  }

  async deadLetters(limit: number): Promise<OutboxRecord[]> {
    const rows = await this.policy.execute('outbox.deadLetters', () => this.db.query<RecordRow>(DEAD_LETTERS_SQL, [limit]));
    return rows.map(toRecord);
  }

  async requeue(ids: readonly string[] | undefined): Promise<number> {
    const rows = await this.policy.execute('outbox.requeue', () =>
      this.db.query<{ id: string }>(`${REQUEUE_SQL} RETURNING id::text AS id`, [ids === undefined ? null : [...ids]]),
    );
    return rows.length;
  }
}

function toRecord(r: RecordRow): OutboxRecord {
  return {
    id: r.id,
    workId: r.work_id,
    operation: r.operation,
    touched: typeof r.touched === 'string' ? (JSON.parse(r.touched) as TouchedIds) : r.touched,
    pendingStores: r.pending_stores,
    attempts: r.attempts,
    lastError: r.last_error,
    createdAt: toDate(r.created_at) ?? new Date(0),
    deadLetteredAt: toDate(r.dead_lettered_at),
  };
}

function toDate(value: Date | string | null): Date | null {
  if (value === null) return null;
  return value instanceof Date ? value : new Date(value);
}
