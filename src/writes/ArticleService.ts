import { setTimeout as sleep } from 'node:timers/promises';
import type { ArticleChange, ArticleFields, ArticlePatch, ArticleWriter } from '../../datasources/writes/articleWrite';
import type { Outbox, OutboxRecordState } from '../../datasources/writes/Outbox';
import type { WorkRecord } from '../../datasources/types';
import type { Logger } from '../core/logger';
import { mintId } from '../core/domain/mintedId';
import { errorMessage } from '../core/errorMessage';
import type { ProjectionStoreName, StoreName } from '../core/StoreName';
import type { ChangeReceipt } from './SyncTracker';

/** Where a committed change stands in one store. */
export interface StoreSyncState {
  readonly store: StoreName;
  readonly state: 'APPLIED' | 'PENDING' | 'DEAD_LETTERED';
  readonly attempts: number;
  readonly lastError: string | null;
}

export interface ArticleServiceDeps {
  readonly writer: ArticleWriter;
  readonly outbox: Outbox;
  /** The configured projection stores, which every change must reach. */
  readonly projectionStores: readonly StoreName[];
  /** Drops cached reads the change made stale (called after the commit). */
  readonly invalidate: (change: ArticleChange) => Promise<void>;
  /** Asks the relay to deliver now (no-op when this process runs no relay). */
  readonly wakeRelay: () => void;
  /** Upper bound of `waitForSync`. */
  readonly syncWaitMs: number;
  readonly logger: Logger;
}

/** How often `waitForSync` looks at the outbox record. */
const SYNC_POLL_MS = 25;

/**
 * Article mutations end to end: the write (article + outbox record, one transaction), cache invalidation on
 * commit, waking the relay, and the per-store sync report — after waiting for the projections, bounded, when asked.
 */
export class ArticleService {
  constructor(private readonly deps: ArticleServiceDeps) {}

  async create(fields: ArticleFields, waitForSync: boolean): Promise<{ work: WorkRecord; sync: StoreSyncState[]; receipt: ChangeReceipt }> {
    const { work, change } = await this.deps.writer.create(mintId('W'), fields, this.deps.projectionStores);
    return { work, sync: await this.committed(change, waitForSync), receipt: receiptOf(change, work.version) };
  }

  async update(
    workId: string,
    expectedVersion: number,
    patch: ArticlePatch,
    waitForSync: boolean,
  ): Promise<{ work: WorkRecord; sync: StoreSyncState[]; receipt: ChangeReceipt }> {
    const { work, change } = await this.deps.writer.update(workId, expectedVersion, patch, this.deps.projectionStores);
    // Nothing changed, nothing written: every store already shows the article as it is.
    if (change === undefined) {
      const receipt: ChangeReceipt = { outboxId: null, workId, operation: 'update', version: work.version, stores: projectionStoresOf(this.deps.projectionStores) };
      return { work, sync: syncReport(this.deps.projectionStores, undefined), receipt };
    }
    return { work, sync: await this.committed(change, waitForSync), receipt: receiptOf(change, work.version) };
  }

  async delete(workId: string, expectedVersion: number | undefined, waitForSync: boolean): Promise<{ id: string; sync: StoreSyncState[]; receipt: ChangeReceipt }> {
    const { change } = await this.deps.writer.delete(workId, expectedVersion, this.deps.projectionStores);
    return { id: workId, sync: await this.committed(change, waitForSync), receipt: receiptOf(change, null) };
  }

  /** After a commit: invalidate, wake the relay, and report (waiting first when asked). */
  private async committed(change: ArticleChange, waitForSync: boolean): Promise<StoreSyncState[]> {
    // The write is committed: a cache failure must not turn it into an error the client would retry.
    await this.deps.invalidate(change).catch((err: unknown) =>
      this.deps.logger.warn({ workId: change.workId, err: errorMessage(err) }, 'cache invalidation after commit failed'),
    );
    this.deps.wakeRelay();
    let state: OutboxRecordState = { pendingStores: change.pendingStores, attempts: 0, lastError: null, deadLetteredAt: null };
    if (waitForSync && change.pendingStores.length > 0) state = await this.waitForOutbox(change.outboxId);
    else if (change.pendingStores.length === 0) state = undefined;
    return syncReport(this.deps.projectionStores, state);
  }

  /** Polls the record until it is gone (applied everywhere), dead-lettered, or `syncWaitMs` has passed. */
  private async waitForOutbox(outboxId: string): Promise<OutboxRecordState> {
    const until = Date.now() + this.deps.syncWaitMs;
    for (;;) {
      const state = await this.deps.outbox.state(outboxId).catch(() => ({ pendingStores: this.deps.projectionStores, attempts: 0, lastError: null, deadLetteredAt: null }));
      if (state === undefined || state.deadLetteredAt !== null || Date.now() >= until) return state;
      await sleep(SYNC_POLL_MS);
    }
  }
}

/** PostgreSQL (applied: the commit) and each projection store, from the outbox record's state. */
export function syncReport(projectionStores: readonly StoreName[], state: OutboxRecordState): StoreSyncState[] {
  const postgres: StoreSyncState = { store: 'postgres', state: 'APPLIED', attempts: 0, lastError: null };
  return [
    postgres,
    ...projectionStores.map((store): StoreSyncState => {
      if (state === undefined || !state.pendingStores.includes(store)) return { store, state: 'APPLIED', attempts: state?.attempts ?? 0, lastError: null };
      return { store, state: state.deadLetteredAt === null ? 'PENDING' : 'DEAD_LETTERED', attempts: state.attempts, lastError: state.lastError };
    }),
  ];
}

/** What a change's sync token names (SyncTracker.issue). */
function receiptOf(change: ArticleChange, version: number | null): ChangeReceipt {
  return { outboxId: change.outboxId, workId: change.workId, operation: change.operation, version, stores: projectionStoresOf(change.pendingStores) };
}

function projectionStoresOf(stores: readonly StoreName[]): ProjectionStoreName[] {
  return stores.filter((s): s is ProjectionStoreName => s !== 'postgres' && s !== 'redis');
}
