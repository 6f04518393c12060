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
}

/**
 * Sync tokens end to end: issued to the principal who made a change (SyncToken.ts signs them), read back only by that
 * principal, and reported from the change's outbox record — a record that is gone was applied everywhere, since
 * records are deleted only then and the token's signature proves the record existed. A wait holds no connection:
 * each check is one short statement, and between checks the wait sleeps until the in-process relay settles a round
 * (at most every 50 ms) or for 500 ms when no relay runs here.
 */
export class SyncTracker {
  constructor(private readonly deps: SyncTrackerDeps) {}

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
    for (;;) {
      const report = reportOf(claims, await this.deps.traces.trace(claims.outboxId, claims.workId));
      const waitingFor = report.stores.filter((s) => s.state === 'PENDING');
      if (waitingFor.length === 0 || Date.now() >= until || scope?.signal.aborted === true) return report;
      await this.nextCheck(until, scope?.signal);
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
