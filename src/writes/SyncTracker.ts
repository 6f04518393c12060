import type { ChangeTrace, ChangeTraces } from '../../datasources/writes/ChangeTraces';
import type { ArticleOperation } from '../../datasources/writes/articleWrite';
import type { Principal } from '../auth/Principal';
import { UnknownSyncTokenError } from '../core/errors';
import { currentRequestScope } from '../core/requestScope';
import type { ProjectionStoreName } from '../core/StoreName';
import { type SyncErrorClass, syncErrorClass } from './syncErrorClass';
import type { SyncTokenClaims, SyncTokenCodec } from './SyncToken';

/** A committed change as its mutation saw it: what its sync token names. */
export interface ChangeReceipt {
  /** Its outbox record; null when the change wrote none (an update that changed nothing). */
  readonly outboxId: string | null;
  readonly workId: string;
  readonly operation: ArticleOperation;
  /** The work's version after the change; null after a delete. */
  readonly version: number | null;
  /** The projection stores it had to reach. */
  readonly stores: readonly ProjectionStoreName[];
}

/** Where a change stands in one projection store. */
export interface ProjectionSyncState {
  readonly store: ProjectionStoreName;
  readonly state: 'PENDING' | 'APPLIED' | 'FAILED';
  /** Failed delivery attempts of the change while this store has not applied it; 0 once it has. */
  readonly attempts: number;
  readonly errorClass: SyncErrorClass | null;
}

/** What `syncStatus` reports of a token's change. */
export interface SyncStatusReport {
  readonly workId: string;
  readonly operation: ArticleOperation;
  readonly version: number | null;
  readonly stores: readonly ProjectionSyncState[];
  /** Every store has applied the change (at once when it had none to reach). */
  readonly complete: boolean;
  /** A later change of the same work was committed since (or the work was deleted since). */
  readonly superseded: boolean;
}

/** Bounds of `syncStatus(waitMs:)` (README, "Writing articles"). */
export const SYNC_STATUS_MAX_WAIT_MS = 10_000;
/** Without a signal from a relay in this process, a waiting status is read again this often. */
export const SYNC_STATUS_POLL_MS = 500;
/** However often the in-process relay settles records, a waiting status is read at most this often. */
export const SYNC_STATUS_MIN_CHECK_MS = 50;
/** A wait ends this long before the request's deadline (GRAPHQL_REQUEST_TIMEOUT_MS), so that its answer is still sent. */
const DEADLINE_MARGIN_MS = 1_000;

export interface SyncTrackerDeps {
  readonly codec: SyncTokenCodec;
  readonly traces: ChangeTraces;
  /** Subscribes to the in-process relay's settled rounds (undefined when this process runs no relay); answers an unsubscribe. */
  readonly onRelaySettled: ((listener: () => void) => () => void) | undefined;
  /** GRAPHQL_REQUEST_TIMEOUT_MS: no wait runs past the request's deadline. */
  readonly requestTimeoutMs: number;
  /** SYNC_STATUS_MAX_WAITERS: most statuses waiting at once; the next ones answer at once, as with `waitMs` 0. */
  readonly maxWaiters: number;
}

/**
 * Sync tokens end to end: issued to the principal who made a change (SyncToken.ts signs them), read back only by that
 * principal, and reported from the change's outbox record — a record that is gone was applied everywhere, since
 * records are deleted only then and the token's signature proves the record existed. A wait holds no connection:
 * each check is one short statement, and between checks the wait sleeps until the in-process relay settles a round
 * (at most every 50 ms) or for 500 ms when no relay runs here. At most `maxWaiters` statuses wait at once, so that
 * however many are asked, the checks they send stay bounded (at most maxWaiters × 20 short statements a second).
 */
export class SyncTracker {
  private waiting = 0;

  constructor(private readonly deps: SyncTrackerDeps) {}

  /** How many statuses are waiting now. */
  get waiters(): number {
    return this.waiting;
  }

  /** The token of `receipt` for `principal`. */
  issue(principal: Principal, receipt: ChangeReceipt): string {
    return this.deps.codec.sign({ ...receipt, principal: this.deps.codec.principalOf(principal.subject), issuedAt: Math.floor(Date.now() / 1000) });
  }

  /**
   * The status of `token`'s change, waiting up to `waitMs` (0–SYNC_STATUS_MAX_WAIT_MS, checked by the caller) until it is
   * complete or every store left has failed. A token that is not well signed is an InvalidSyncTokenError; one issued to
   * another principal, asked anonymously, or unknown to this database is one UnknownSyncTokenError.
   */
  async status(token: string, principal: Principal | undefined, waitMs: number): Promise<SyncStatusReport> {
    const claims = this.deps.codec.read(token);
    if (principal === undefined || this.deps.codec.principalOf(principal.subject) !== claims.principal) throw new UnknownSyncTokenError();
    const scope = currentRequestScope();
    const left = scope ? this.deps.requestTimeoutMs - scope.elapsedSeconds() * 1000 - DEADLINE_MARGIN_MS : Number.POSITIVE_INFINITY;
    const until = Date.now() + Math.max(0, Math.min(waitMs, left));
    const first = reportOf(claims, await this.deps.traces.trace(claims.outboxId, claims.workId));
    if (!stillWaiting(first, until, scope?.signal) || this.waiting >= this.deps.maxWaiters) return first;
    this.waiting++;
    try {
      for (;;) {
        await this.nextCheck(until, scope?.signal);
        const report = reportOf(claims, await this.deps.traces.trace(claims.outboxId, claims.workId));
        if (!stillWaiting(report, until, scope?.signal)) return report;
      }
    } finally {
      this.waiting--;
    }
  }

  /** Resolves at the next moment worth checking again: the relay settled a round, the poll interval, `until`, or the deadline. */
  private nextCheck(until: number, signal: AbortSignal | undefined): Promise<void> {
    return new Promise((resolve) => {
      const started = Date.now();
      let timer: NodeJS.Timeout | undefined;
      const done = () => {
        clearTimeout(timer);
        unsubscribe?.();
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const checkIn = (ms: number) => {
        clearTimeout(timer);
        timer = setTimeout(done, Math.max(0, Math.min(ms, until - Date.now())));
      };
      // `done` runs from a timer or the abort event, never before these two lines have run.
      const unsubscribe = this.deps.onRelaySettled?.(() => checkIn(SYNC_STATUS_MIN_CHECK_MS - (Date.now() - started)));
      checkIn(SYNC_STATUS_POLL_MS);
      signal?.addEventListener('abort', done, { once: true });
    });
  }
}

/** Whether a wait for `report`'s change goes on: a store is still PENDING, `until` is ahead and the request is live. */
function stillWaiting(report: SyncStatusReport, until: number, signal: AbortSignal | undefined): boolean {
  return report.stores.some((s) => s.state === 'PENDING') && Date.now() < until && signal?.aborted !== true;
}

/** The report of a token's claims from its change's trace; a trace that does not belong to the token is unknown. */
export function reportOf(claims: SyncTokenClaims, trace: ChangeTrace): SyncStatusReport {
  const { record } = trace;
  if (claims.outboxId !== null && (record ? record.workId !== claims.workId : !trace.issued)) throw new UnknownSyncTokenError();
  const stores = claims.stores.map((store): ProjectionSyncState => {
    if (!record?.pendingStores.includes(store)) return { store, state: 'APPLIED', attempts: 0, errorClass: null };
    return { store, state: record.deadLetteredAt === null ? 'PENDING' : 'FAILED', attempts: record.attempts, errorClass: syncErrorClass(record.lastError, store) };
  });
  const superseded = claims.operation !== 'delete' && (trace.currentVersion === null || trace.currentVersion > (claims.version ?? 0));
  return {
    workId: claims.workId,
    operation: claims.operation,
    version: claims.version,
    stores,
    complete: stores.every((s) => s.state === 'APPLIED'),
    superseded,
  };
}
