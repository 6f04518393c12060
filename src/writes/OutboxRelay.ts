import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { isBrokenCircuitError } from 'cockatiel';
import { bylineAuthorIds } from '../../datasources/writes/bylineAuthorIds';
import type { CatalogBatch } from '../../datasources/writes/catalogWrite';
import type { CatalogSnapshot } from '../../datasources/CatalogSnapshot';
import type { DeliveryOutcome, Outbox, OutboxRecord } from '../../datasources/writes/Outbox';
import type { Projection } from '../../datasources/writes/Projection';
import { StoreUnavailableError } from '../core/errors';
import type { Logger } from '../core/logger';
import { retryDelayMs } from './retryDelay';
import { errorMessage } from '../core/errorMessage';
import type { StoreName } from '../core/StoreName';

/** Tuning of the relay (README: OUTBOX_* variables). */
export interface OutboxRelayOptions {
  /** How often an idle relay looks for records (a mutation in this process wakes it at once). */
  readonly pollIntervalMs: number;
  readonly batchSize: number;
  /** How long a claimed record stays reserved for this relay. */
  readonly leaseMs: number;
  /** Failed attempts after which a record is dead-lettered. */
  readonly maxAttempts: number;
  readonly initialBackoffMs: number;
  readonly maxBackoffMs: number;
}

export const DEFAULT_RELAY_OPTIONS: OutboxRelayOptions = {
  pollIntervalMs: 1_000,
  batchSize: 50,
  leaseMs: 60_000,
  maxAttempts: 10,
  initialBackoffMs: 500,
  maxBackoffMs: 60_000,
};

/** What one round did. */
export interface RelayRound {
  readonly claimed: number;
  readonly delivered: number;
  readonly retried: number;
  readonly deadLettered: number;
}

/**
 * A store that did not apply a record, and whether that spends one of the record's attempts: not when the store
 * was never tried (its breaker was open, it is not configured here, the catalog could not be read).
 */
type Failure = { store: StoreName; error: string; countsAsAttempt: boolean };

/**
 * Delivers outbox records to the projection stores. Each round claims ready records (by lease: several relays
 * may run at once, in one process or many), re-reads the current state of their works from the catalog and, per
 * store that has not applied a record yet, upserts the works that exist and removes those that are gone. Since
 * it projects the catalog's state rather than replaying the change, delivering a record twice, or after a later
 * change of the same work, leaves the store as the catalog is. A store that fails keeps the record pending for
 * it (retried with exponential backoff and jitter, through the store's own policy and circuit breaker); a batch
 * a store refuses is retried record by record, so one poison record cannot hold its neighbours back. Records
 * are deleted once every store has applied them, and dead-lettered — never dropped — after `maxAttempts`.
 */
export class OutboxRelay {
  readonly id = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private readonly options: OutboxRelayOptions;
  private readonly byStore: ReadonlyMap<StoreName, Projection>;
  private loop: Promise<void> | undefined;
  private stopping = false;
  private wakeUp: (() => void) | undefined;
  private wakeRequested = false;
  private readonly settledListeners = new Set<() => void>();

  constructor(
    private readonly outbox: Outbox,
    private readonly snapshot: CatalogSnapshot,
    projections: readonly Projection[],
    /** Called after a store applied a record (cache invalidation); its failure is logged, never fatal. */
    private readonly onApplied: (record: OutboxRecord) => Promise<void>,
    private readonly logger: Logger,
    options: Partial<OutboxRelayOptions> = {},
  ) {
    this.options = { ...DEFAULT_RELAY_OPTIONS, ...options };
    this.byStore = new Map(projections.map((p) => [p.store, p]));
  }

  /** Starts the background loop (idempotent). */
  start(): void {
    if (this.loop) return;
    this.stopping = false;
    this.loop = this.run();
  }

  /** Asks the loop to run a round now (after a commit in this process). */
  wake(): void {
    this.wakeRequested = true;
    this.wakeUp?.();
  }

  /**
   * Calls `listener` after every round that settled records (delivered, retried or dead-lettered): the in-process
   * signal a waiting `syncStatus` checks again on. Answers how to stop listening.
   */
  onSettled(listener: () => void): () => void {
    this.settledListeners.add(listener);
    return () => this.settledListeners.delete(listener);
  }

  /** Stops the loop after its current round. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wakeUp?.();
    await this.loop;
    this.loop = undefined;
  }

  /**
   * Runs rounds until nothing is ready or `deadlineMs` passes (graceful shutdown, `npm run reindex`, tests);
   * answers whether the outbox was empty of ready records at the end.
   */
  async flush(deadlineMs: number): Promise<boolean> {
    const until = Date.now() + deadlineMs;
    while (Date.now() < until) {
      const round = await this.runOnce();
      if (round.claimed === 0) return true;
    }
    return false;
  }

  /** Claims and delivers one batch. */
  async runOnce(): Promise<RelayRound> {
    const records = await this.outbox.claim(this.id, this.options.batchSize, this.options.leaseMs);
    if (records.length === 0) return { claimed: 0, delivered: 0, retried: 0, deadLettered: 0 };
    const failures = new Map<string, Failure[]>(records.map((r) => [r.id, []]));
    let snapshot: { batch: CatalogBatch; missing: string[] };
    try {
      snapshot = await this.snapshot.batchForWorks(records.map((r) => r.workId));
    } catch (err) {
      // The catalog itself is unreachable: every pending store stays pending; nothing was tried, no attempt counts.
      for (const r of records) failures.set(r.id, r.pendingStores.map((store) => ({ store, error: `reading the catalog failed: ${message(err)}`, countsAsAttempt: false })));
      return this.settleAll(records, failures);
    }
    for (const store of new Set(records.flatMap((r) => r.pendingStores))) {
      const due = records.filter((r) => r.pendingStores.includes(store));
      for (const [record, error] of await this.deliver(store, due, snapshot)) {
        failures.get(record.id)?.push(error);
      }
      const failedIds = new Set(due.filter((r) => failures.get(r.id)?.some((f) => f.store === store)).map((r) => r.id));
      for (const record of due.filter((r) => !failedIds.has(r.id))) {
        await this.onApplied(record).catch((err: unknown) => this.logger.warn({ outboxId: record.id, err: message(err) }, 'cache invalidation after projection failed'));
      }
    }
    return this.settleAll(records, failures);
  }

  /** Applies `records` to one store, in one request when it succeeds, else one record at a time; answers the failures. */
  private async deliver(store: StoreName, records: readonly OutboxRecord[], snapshot: { batch: CatalogBatch; missing: string[] }): Promise<[OutboxRecord, Failure][]> {
    const projection = this.byStore.get(store);
    if (!projection) {
      // A record names a store this relay is not configured for (another replica's configuration?): keep it for a relay that is.
      return records.map((r) => [r, { store, error: `${store} is not configured in this gateway`, countsAsAttempt: false }]);
    }
    try {
      await applyTo(projection, records, snapshot);
      return [];
    } catch (err) {
      if (records.length === 1 || isUnavailable(err)) {
        this.logger.warn({ store, records: records.length, err: message(err) }, 'projection failed; will retry');
        return records.map((r) => [r, { store, error: message(err), countsAsAttempt: !isBreakerOpen(err) }]);
      }
    }
    const failed: [OutboxRecord, Failure][] = [];
    for (const record of records) {
      try {
        await applyTo(projection, [record], snapshot);
      } catch (err) {
        this.logger.warn({ store, outboxId: record.id, workId: record.workId, err: message(err) }, 'projection of one record failed; will retry');
        failed.push([record, { store, error: message(err), countsAsAttempt: !isBreakerOpen(err) }]);
      }
    }
    return failed;
  }

  private async settleAll(records: readonly OutboxRecord[], failures: ReadonlyMap<string, Failure[]>): Promise<RelayRound> {
    const round = { claimed: records.length, delivered: 0, retried: 0, deadLettered: 0 };
    for (const record of records) {
      const failed = failures.get(record.id) ?? [];
      const outcome: DeliveryOutcome = {
        applied: record.pendingStores.filter((s) => !failed.some((f) => f.store === s)),
        failed: failed.map(({ store, error }) => ({ store, error })),
        // Not tried anywhere it failed (open breakers): no attempt is spent.
        countsAsAttempt: failed.some((f) => f.countsAsAttempt),
      };
      const delay = retryDelayMs(record.attempts + 1, this.options.initialBackoffMs, this.options.maxBackoffMs);
      try {
        const result = await this.outbox.settle(record, this.id, outcome, delay, this.options.maxAttempts);
        if (result === 'delivered') round.delivered++;
        else if (result === 'retry') round.retried++;
        else {
          round.deadLettered++;
          this.logger.error({ outboxId: record.id, workId: record.workId, stores: outcome.failed }, 'outbox record dead-lettered after too many failed attempts');
        }
      } catch (err) {
        // The lease expires and another round picks the record up again: nothing is lost.
        this.logger.warn({ outboxId: record.id, err: message(err) }, 'could not settle outbox record');
      }
    }
    for (const listener of this.settledListeners) listener();
    return round;
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      let claimed = 0;
      try {
        claimed = (await this.runOnce()).claimed;
      } catch (err) {
        this.logger.warn({ err: message(err) }, 'outbox relay round failed');
      }
      if (this.stopping) break;
      if (claimed < this.options.batchSize) await this.idle();
    }
  }

  /** Waits for the poll interval, or less when woken. */
  private idle(): Promise<void> {
    if (this.wakeRequested) {
      this.wakeRequested = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakeUp = undefined;
        this.wakeRequested = false;
        resolve();
      };
      const timer = setTimeout(done, this.options.pollIntervalMs);
      this.wakeUp = done;
    });
  }
}

/** Upserts the records' works that exist and removes those that are gone. */
async function applyTo(projection: Projection, records: readonly OutboxRecord[], snapshot: { batch: CatalogBatch; missing: string[] }): Promise<void> {
  const ids = new Set(records.map((r) => r.workId));
  const works = snapshot.batch.works.filter((w) => ids.has(w.id));
  const authorIds = new Set(works.flatMap((w) => bylineAuthorIds(w.authorships)));
  const removed = snapshot.missing.filter((id) => ids.has(id));
  if (works.length > 0) {
    await projection.apply({ ...snapshot.batch, works, authors: snapshot.batch.authors.filter((a) => authorIds.has(a.id)) });
  }
  if (removed.length > 0) await projection.remove(removed);
}

function isUnavailable(err: unknown): boolean {
  return err instanceof StoreUnavailableError;
}

function isBreakerOpen(err: unknown): boolean {
  return err instanceof StoreUnavailableError && isBrokenCircuitError(err.cause);
}

function message(err: unknown): string {
  return errorMessage(err);
}
