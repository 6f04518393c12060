import type { ArticleOperation, TouchedIds } from './articleWrite';
import type { StoreName } from '../../src/core/StoreName';
import type { OutboxStats } from '../../src/core/metrics';

/** An outbox record as the relay and the admin query see it. */
export interface OutboxRecord {
  readonly id: string;
  readonly workId: string;
  readonly operation: ArticleOperation;
  readonly touched: TouchedIds;
  readonly pendingStores: readonly StoreName[];
  readonly attempts: number;
  readonly lastError: string | null;
  readonly createdAt: Date;
  readonly deadLetteredAt: Date | null;
}

/** The outcome of one delivery round of a claimed record. */
export interface DeliveryOutcome {
  /** Stores that applied the record in this round. */
  readonly applied: readonly StoreName[];
  /** Stores that failed, with why; empty when the round succeeded everywhere. */
  readonly failed: readonly { readonly store: StoreName; readonly error: string }[];
  /** Whether the failure counts as an attempt (false when every failing store's breaker was open: nothing was tried). */
  readonly countsAsAttempt: boolean;
}

/** Where a record stands, for a mutation's payload: `undefined` once delivered everywhere (the record is gone). */
export type OutboxRecordState = Pick<OutboxRecord, 'pendingStores' | 'attempts' | 'lastError' | 'deadLetteredAt'> | undefined;

/**
 * The transactional outbox (records are inserted by the ArticleWriter, in the article's transaction). Records
 * are claimed by lease, so several relays — in several gateway replicas — never deliver the same record at the
 * same time, and a relay that dies mid-delivery loses nothing (its lease expires). Only the oldest live record
 * of each work is claimable: changes to one article are delivered in order.
 */
export interface Outbox {
  /** Leases up to `limit` ready records for `leaseMs`, oldest first. */
  claim(relayId: string, limit: number, leaseMs: number): Promise<OutboxRecord[]>;
  /**
   * Records a delivery round: deletes the record when no store is left; otherwise keeps the failed stores
   * pending, schedules the next attempt after `retryAfterMs`, and dead-letters it once `maxAttempts` is reached.
   */
  settle(record: OutboxRecord, relayId: string, outcome: DeliveryOutcome, retryAfterMs: number, maxAttempts: number): Promise<'delivered' | 'retry' | 'dead-lettered'>;
  state(id: string): Promise<OutboxRecordState>;
  stats(): Promise<OutboxStats>;
  deadLetters(limit: number): Promise<OutboxRecord[]>;
  /** Makes dead letters (all, or those with `ids`) ready again with a fresh attempt count; answers how many. */
  requeue(ids: readonly string[] | undefined): Promise<number>;
}
