import { BrokenCircuitError } from 'cockatiel';
import type { CatalogSnapshot } from '../../../../datasources/CatalogSnapshot';
import type { AuthorWrite, CatalogBatch, CatalogEntities, WorkWrite } from '../../../../datasources/writes/catalogWrite';
import type { DeliveryOutcome, Outbox, OutboxRecord, OutboxRecordState } from '../../../../datasources/writes/Outbox';
import type { OutboxStats } from '../../../../src/core/metrics';
import type { Projection, ProjectionRebuild } from '../../../../datasources/writes/Projection';
import { StoreUnavailableError } from '../../../../src/core/errors';
import type { Logger } from '../../../../src/core/logger';
import { OutboxRelay, type OutboxRelayOptions } from '../../../../src/writes/OutboxRelay';
import { byline, workWrite } from '../../../support/workWrite';
import type { StoreName } from '../../../../src/core/StoreName';

// ---------------------------------------------------------------------------------------------------------
// Fakes of the relay's collaborators, implementing the project's own interfaces.

function work(id: string, authorIds: readonly (string | null)[]): WorkWrite {
  return workWrite({ id, title: `Title of ${id}`, publicationYear: 2024, publicationDate: '2024-01-01', type: 'article', authorships: byline(...authorIds) });
}

function author(id: string): AuthorWrite {
  return { id, displayName: `Author ${id}`, orcid: null, worksCount: null, citedByCount: null, hIndex: null, institutionIds: [], complete: false };
}

function record(id: string, workId: string, pendingStores: readonly StoreName[], attempts = 0): OutboxRecord {
  return {
    id,
    workId,
    operation: 'update',
    touched: { authorIds: [], topicIds: [], referencedWorkIds: [] },
    pendingStores,
    attempts,
    lastError: null,
    createdAt: new Date(0),
    deadLetteredAt: null,
  };
}

interface Settlement {
  readonly recordId: string;
  readonly relayId: string;
  readonly outcome: DeliveryOutcome;
  readonly retryAfterMs: number;
  readonly maxAttempts: number;
}

/**
 * An in-memory Outbox following the interface's contract: settle deletes a record no store is left for,
 * otherwise keeps the failed stores pending, counts the attempt when asked, and dead-letters at maxAttempts.
 * Retry delays are recorded but not waited for (a retried record is ready again at once).
 */
class FakeOutbox implements Outbox {
  readonly live = new Map<string, OutboxRecord>();
  readonly dead = new Map<string, OutboxRecord>();
  readonly settlements: Settlement[] = [];
  claims = 0;
  /** Claims that reject before answering (a database that is away). */
  failClaims = 0;
  /** Record ids whose settle rejects. */
  readonly failSettle = new Set<string>();
  private waiters: { condition: () => boolean; resolve: () => void }[] = [];

  add(...records: OutboxRecord[]): void {
    for (const r of records) this.live.set(r.id, r);
  }

  async claim(_relayId: string, limit: number): Promise<OutboxRecord[]> {
    this.claims++;
    this.notify();
    if (this.failClaims > 0) {
      this.failClaims--;
      throw new Error('outbox unreachable');
    }
    return [...this.live.values()].slice(0, limit);
  }

  async settle(r: OutboxRecord, relayId: string, outcome: DeliveryOutcome, retryAfterMs: number, maxAttempts: number): Promise<'delivered' | 'retry' | 'dead-lettered'> {
    this.settlements.push({ recordId: r.id, relayId, outcome, retryAfterMs, maxAttempts });
    this.notify();
    if (this.failSettle.has(r.id)) throw new Error('settle failed');
    if (outcome.failed.length === 0) {
      this.live.delete(r.id);
      return 'delivered';
    }
    const attempts = r.attempts + (outcome.countsAsAttempt ? 1 : 0);
    const next: OutboxRecord = { ...r, pendingStores: outcome.failed.map((f) => f.store), attempts, lastError: outcome.failed[0]?.error ?? null };
    if (attempts >= maxAttempts) {
      this.live.delete(r.id);
      this.dead.set(r.id, { ...next, deadLetteredAt: new Date(0) });
      return 'dead-lettered';
    }
    this.live.set(r.id, next);
    return 'retry';
  }

  async state(id: string): Promise<OutboxRecordState> {
    return this.live.get(id) ?? this.dead.get(id);
  }

  async stats(): Promise<OutboxStats> {
    return { pending: this.live.size, deadLettered: this.dead.size, oldestPendingAgeSeconds: null };
  }

  async deadLetters(limit: number): Promise<OutboxRecord[]> {
    return [...this.dead.values()].slice(0, limit);
  }

  async requeue(): Promise<number> {
    return 0;
  }

  /** Resolves once `condition` holds, checked after each claim and settle. */
  until(condition: () => boolean): Promise<void> {
    if (condition()) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ condition, resolve }));
  }

  private notify(): void {
    // Checked in a microtask: after the call has done its bookkeeping.
    queueMicrotask(() => {
      const ready = this.waiters.filter((w) => w.condition());
      this.waiters = this.waiters.filter((w) => !ready.includes(w));
      for (const w of ready) w.resolve();
    });
  }
}

/** A CatalogSnapshot over fixed works; each work's batch carries the authors of its byline. */
class FakeSnapshot implements CatalogSnapshot {
  readonly requested: string[][] = [];
  failing: Error | undefined;

  constructor(
    private readonly works: readonly WorkWrite[],
    private readonly authors: readonly AuthorWrite[],
  ) {}

  async batchForWorks(workIds: readonly string[]): Promise<{ batch: CatalogBatch; missing: string[] }> {
    this.requested.push([...workIds]);
    if (this.failing) throw this.failing;
    const works = this.works.filter((w) => workIds.includes(w.id));
    const authorIds = new Set(works.flatMap((w) => w.authorships.map((a) => a.authorId)));
    return {
      batch: { works, authors: this.authors.filter((a) => authorIds.has(a.id)), institutions: [], sources: [], topics: [] },
      missing: workIds.filter((id) => !works.some((w) => w.id === id)),
    };
  }

  workIdsAfter(): Promise<string[]> {
    throw new Error('not used by the relay');
  }

  workIdsChangedSince(): Promise<string[]> {
    throw new Error('not used by the relay');
  }

  existingWorkIds(): Promise<Set<string>> {
    throw new Error('not used by the relay');
  }

  entitiesAfter(): Promise<CatalogEntities> {
    throw new Error('not used by the relay');
  }

  async now(): Promise<Date> {
    return new Date(0);
  }
}

/** A Projection recording what it was asked; `failWith` decides, per call, whether it refuses. */
class FakeProjection implements Projection {
  readonly applied: { works: string[]; authors: string[] }[] = [];
  readonly removed: string[][] = [];
  failWith: (workIds: readonly string[], call: 'apply' | 'remove') => Error | undefined = () => undefined;

  constructor(readonly store: StoreName) {}

  async ensureSchema(): Promise<void> {}

  async apply(batch: CatalogBatch): Promise<void> {
    const works = batch.works.map((w) => w.id);
    const err = this.failWith(works, 'apply');
    if (err) throw err;
    this.applied.push({ works, authors: batch.authors.map((a) => a.id) });
  }

  async remove(workIds: readonly string[]): Promise<void> {
    const err = this.failWith(workIds, 'remove');
    if (err) throw err;
    this.removed.push([...workIds]);
  }

  async startRebuild(): Promise<ProjectionRebuild> {
    throw new Error('not rebuilt here');
  }

  async close(): Promise<void> {}

  /** Work ids of every successful apply, flattened. */
  get appliedWorks(): string[] {
    return this.applied.flatMap((a) => a.works);
  }
}

function fakeLogger() {
  const lines: { level: string; msg: string }[] = [];
  const log = (level: string) => (_obj: unknown, msg: string) => lines.push({ level, msg });
  const logger = { warn: log('warn'), error: log('error'), info: log('info'), debug: log('debug') } as unknown as Logger;
  return { logger, lines };
}

const breakerOpen = (store: StoreName) => new StoreUnavailableError(store, 'circuit breaker is open', new BrokenCircuitError());

// W4's byline opens with a name OpenAlex could not attach to an author.
const WORKS = [work('W1', ['A1', 'A2']), work('W2', ['A3']), work('W3', ['A1']), work('W4', [null, 'A2'])];
const AUTHORS = ['A1', 'A2', 'A3', 'A9'].map(author);

function setup(options: Partial<OutboxRelayOptions> = {}, stores: readonly StoreName[] = ['neo4j', 'elasticsearch']) {
  const outbox = new FakeOutbox();
  const snapshot = new FakeSnapshot(WORKS, AUTHORS);
  const projections = stores.map((s) => new FakeProjection(s));
  const applied: { recordId: string }[] = [];
  let onAppliedError: Error | undefined;
  const { logger, lines } = fakeLogger();
  const relay = new OutboxRelay(
    outbox,
    snapshot,
    projections,
    async (r) => {
      applied.push({ recordId: r.id });
      if (onAppliedError) throw onAppliedError;
    },
    logger,
    options,
  );
  const byStore = (store: StoreName) => projections.find((p) => p.store === store) as FakeProjection;
  return {
    outbox,
    snapshot,
    relay,
    neo4j: byStore('neo4j'),
    elasticsearch: byStore('elasticsearch'),
    onApplied: applied,
    failOnApplied: (err: Error) => (onAppliedError = err),
    logs: lines,
  };
}

const outcomeOf = (outbox: FakeOutbox, recordId: string) => outbox.settlements.filter((s) => s.recordId === recordId).map((s) => s.outcome);

// ---------------------------------------------------------------------------------------------------------

describe('OutboxRelay.runOnce', () => {
  it('answers an empty round when nothing is ready, without reading the catalog', async () => {
    const { relay, snapshot, outbox } = setup();
    expect(await relay.runOnce()).toEqual({ claimed: 0, delivered: 0, retried: 0, deadLettered: 0 });
    expect(snapshot.requested).toEqual([]);
    expect(outbox.settlements).toEqual([]);
  });

  it('delivers claimed records to every pending store in one request per store and settles them as delivered', async () => {
    const { relay, outbox, snapshot, neo4j, elasticsearch } = setup();
    outbox.add(record('r1', 'W1', ['neo4j', 'elasticsearch']), record('r2', 'W2', ['neo4j', 'elasticsearch']));
    expect(await relay.runOnce()).toEqual({ claimed: 2, delivered: 2, retried: 0, deadLettered: 0 });
    expect(snapshot.requested).toEqual([['W1', 'W2']]);
    expect(neo4j.applied).toEqual([{ works: ['W1', 'W2'], authors: ['A1', 'A2', 'A3'] }]);
    expect(elasticsearch.applied).toEqual([{ works: ['W1', 'W2'], authors: ['A1', 'A2', 'A3'] }]);
    for (const id of ['r1', 'r2']) {
      expect(outcomeOf(outbox, id)).toEqual([{ applied: ['neo4j', 'elasticsearch'], failed: [], countsAsAttempt: false }]);
    }
    expect(outbox.live.size).toBe(0);
    expect(outbox.settlements.every((s) => s.relayId === relay.id)).toBe(true);
  });

  it('delivers a record only to the stores still pending for it', async () => {
    const { relay, outbox, neo4j, elasticsearch } = setup();
    outbox.add(record('r1', 'W1', ['elasticsearch']), record('r2', 'W2', ['neo4j', 'elasticsearch']));
    await relay.runOnce();
    expect(neo4j.appliedWorks).toEqual(['W2']);
    expect(elasticsearch.appliedWorks).toEqual(['W1', 'W2']);
    expect(outcomeOf(outbox, 'r1')).toEqual([{ applied: ['elasticsearch'], failed: [], countsAsAttempt: false }]);
  });

  it('projects a work with an unattached byline name with only the authors its byline names', async () => {
    const { relay, outbox, neo4j, elasticsearch } = setup();
    outbox.add(record('r1', 'W4', ['neo4j']), record('r2', 'W3', ['elasticsearch']));
    expect(await relay.runOnce()).toMatchObject({ delivered: 2 });
    expect(neo4j.applied).toEqual([{ works: ['W4'], authors: ['A2'] }]);
    expect(elasticsearch.applied).toEqual([{ works: ['W3'], authors: ['A1'] }]);
  });

  it('removes works missing from the catalog and applies only the existing ones', async () => {
    const { relay, outbox, neo4j } = setup({}, ['neo4j']);
    outbox.add(record('r1', 'W1', ['neo4j']), record('r2', 'W404', ['neo4j']));
    expect(await relay.runOnce()).toMatchObject({ delivered: 2 });
    expect(neo4j.appliedWorks).toEqual(['W1']);
    expect(neo4j.removed).toEqual([['W404']]);
  });

  it('never applies an empty batch nor removes nothing', async () => {
    const { relay, outbox, neo4j } = setup({}, ['neo4j']);
    outbox.add(record('r1', 'W404', ['neo4j']));
    await relay.runOnce();
    expect(neo4j.applied).toEqual([]);
    expect(neo4j.removed).toEqual([['W404']]);

    outbox.add(record('r2', 'W1', ['neo4j']));
    await relay.runOnce();
    expect(neo4j.removed).toEqual([['W404']]);
  });

  it('keeps only the failing store pending, counting the attempt', async () => {
    const { relay, outbox, neo4j, elasticsearch } = setup({ maxAttempts: 5 });
    elasticsearch.failWith = () => new Error('mapping conflict');
    outbox.add(record('r1', 'W1', ['neo4j', 'elasticsearch']));
    expect(await relay.runOnce()).toEqual({ claimed: 1, delivered: 0, retried: 1, deadLettered: 0 });
    expect(neo4j.appliedWorks).toEqual(['W1']);
    expect(outcomeOf(outbox, 'r1')).toEqual([{ applied: ['neo4j'], failed: [{ store: 'elasticsearch', error: 'mapping conflict' }], countsAsAttempt: true }]);
    expect(outbox.live.get('r1')).toMatchObject({ pendingStores: ['elasticsearch'], attempts: 1 });
  });

  it('retries a refused batch record by record, so one poison record does not hold back the others', async () => {
    const { relay, outbox, neo4j, elasticsearch } = setup();
    neo4j.failWith = (ids) => (ids.includes('W2') ? new Error('W2 breaks a constraint') : undefined);
    outbox.add(record('r1', 'W1', ['neo4j', 'elasticsearch']), record('r2', 'W2', ['neo4j', 'elasticsearch']), record('r3', 'W3', ['neo4j', 'elasticsearch']));
    expect(await relay.runOnce()).toEqual({ claimed: 3, delivered: 2, retried: 1, deadLettered: 0 });
    expect(neo4j.applied).toEqual([
      { works: ['W1'], authors: ['A1', 'A2'] },
      { works: ['W3'], authors: ['A1'] },
    ]);
    expect(elasticsearch.appliedWorks).toEqual(['W1', 'W2', 'W3']);
    expect(outcomeOf(outbox, 'r1')).toEqual([{ applied: ['neo4j', 'elasticsearch'], failed: [], countsAsAttempt: false }]);
    expect(outcomeOf(outbox, 'r3')).toEqual([{ applied: ['neo4j', 'elasticsearch'], failed: [], countsAsAttempt: false }]);
    expect(outcomeOf(outbox, 'r2')).toEqual([{ applied: ['elasticsearch'], failed: [{ store: 'neo4j', error: 'W2 breaks a constraint' }], countsAsAttempt: true }]);
  });

  it('retries record by record when removing a deleted work fails in a batch', async () => {
    const { relay, outbox, neo4j } = setup({}, ['neo4j']);
    neo4j.failWith = (ids, call) => (call === 'remove' && ids.includes('W404') ? new Error('cannot remove') : undefined);
    outbox.add(record('r1', 'W1', ['neo4j']), record('r2', 'W404', ['neo4j']));
    expect(await relay.runOnce()).toMatchObject({ delivered: 1, retried: 1 });
    expect(outcomeOf(outbox, 'r2')[0]?.failed).toEqual([{ store: 'neo4j', error: 'cannot remove' }]);
  });

  it('does not retry record by record when the store is unavailable: every record stays pending for it', async () => {
    const { relay, outbox, neo4j } = setup({}, ['neo4j']);
    let calls = 0;
    neo4j.failWith = () => {
      calls++;
      return new StoreUnavailableError('neo4j', 'timeout');
    };
    outbox.add(record('r1', 'W1', ['neo4j']), record('r2', 'W2', ['neo4j']));
    expect(await relay.runOnce()).toMatchObject({ delivered: 0, retried: 2 });
    expect(calls).toBe(1);
    for (const id of ['r1', 'r2']) {
      expect(outcomeOf(outbox, id)).toEqual([{ applied: [], failed: [{ store: 'neo4j', error: 'neo4j is unavailable: timeout' }], countsAsAttempt: true }]);
    }
  });

  it('does not count a failure caused by an open circuit breaker as an attempt', async () => {
    const { relay, outbox, neo4j } = setup({ maxAttempts: 1 });
    neo4j.failWith = () => breakerOpen('neo4j');
    outbox.add(record('r1', 'W1', ['neo4j', 'elasticsearch']));
    // With maxAttempts 1, a counted attempt would dead-letter the record at once.
    expect(await relay.runOnce()).toEqual({ claimed: 1, delivered: 0, retried: 1, deadLettered: 0 });
    expect(outcomeOf(outbox, 'r1')).toEqual([
      { applied: ['elasticsearch'], failed: [{ store: 'neo4j', error: 'neo4j is unavailable: circuit breaker is open' }], countsAsAttempt: false },
    ]);
    expect(outbox.live.get('r1')).toMatchObject({ attempts: 0, pendingStores: ['neo4j'] });
  });

  it('counts the attempt when an open breaker in one store meets a real failure in another', async () => {
    const { relay, outbox, neo4j, elasticsearch } = setup();
    neo4j.failWith = () => breakerOpen('neo4j');
    elasticsearch.failWith = () => new Error('bad document');
    outbox.add(record('r1', 'W1', ['neo4j', 'elasticsearch']));
    await relay.runOnce();
    expect(outcomeOf(outbox, 'r1')[0]?.countsAsAttempt).toBe(true);
  });

  it('counts an StoreUnavailableError caused by something other than the breaker as an attempt', async () => {
    const { relay, outbox, neo4j } = setup({}, ['neo4j']);
    neo4j.failWith = () => new StoreUnavailableError('neo4j', 'connection refused', new Error('ECONNREFUSED'));
    outbox.add(record('r1', 'W1', ['neo4j']));
    await relay.runOnce();
    expect(outcomeOf(outbox, 'r1')[0]?.countsAsAttempt).toBe(true);
  });

  it('keeps every store pending, without spending an attempt, when the catalog cannot be read', async () => {
    const { relay, outbox, snapshot, neo4j, elasticsearch } = setup({ maxAttempts: 1 });
    snapshot.failing = new Error('postgres is unavailable: timeout');
    outbox.add(record('r1', 'W1', ['neo4j', 'elasticsearch']));
    expect(await relay.runOnce()).toEqual({ claimed: 1, delivered: 0, retried: 1, deadLettered: 0 });
    expect(neo4j.applied).toEqual([]);
    expect(elasticsearch.applied).toEqual([]);
    const [outcome] = outcomeOf(outbox, 'r1');
    expect(outcome?.applied).toEqual([]);
    expect(outcome?.failed.map((f) => f.store)).toEqual(['neo4j', 'elasticsearch']);
    expect(outcome?.failed[0]?.error).toContain('reading the catalog failed');
    expect(outcome?.countsAsAttempt).toBe(false);
  });

  it('keeps a record pending for a store this relay is not configured for, without spending an attempt', async () => {
    const { relay, outbox, neo4j } = setup({ maxAttempts: 1 }, ['neo4j']);
    outbox.add(record('r1', 'W1', ['neo4j', 'influxdb']));
    expect(await relay.runOnce()).toMatchObject({ retried: 1, deadLettered: 0 });
    expect(neo4j.appliedWorks).toEqual(['W1']);
    expect(outcomeOf(outbox, 'r1')).toEqual([
      { applied: ['neo4j'], failed: [{ store: 'influxdb', error: 'influxdb is not configured in this gateway' }], countsAsAttempt: false },
    ]);
  });

  it('dead-letters a record at maxAttempts and logs it as an error', async () => {
    const { relay, outbox, neo4j, logs } = setup({ maxAttempts: 3 }, ['neo4j']);
    neo4j.failWith = () => new Error('poison');
    outbox.add(record('r1', 'W1', ['neo4j'], 2));
    expect(await relay.runOnce()).toEqual({ claimed: 1, delivered: 0, retried: 0, deadLettered: 1 });
    expect(outbox.settlements[0]?.maxAttempts).toBe(3);
    expect(outbox.dead.has('r1')).toBe(true);
    expect(logs.some((l) => l.level === 'error' && l.msg.includes('dead-lettered'))).toBe(true);
  });

  it('asks to retry after an exponential, jittered delay based on the attempt about to be made', async () => {
    const { relay, outbox, neo4j } = setup({ initialBackoffMs: 100, maxBackoffMs: 10_000 }, ['neo4j']);
    neo4j.failWith = () => new Error('x');
    outbox.add(record('r1', 'W1', ['neo4j'], 2), record('r2', 'W2', ['neo4j'], 20));
    await relay.runOnce();
    const delay = (id: string) => outbox.settlements.find((s) => s.recordId === id)?.retryAfterMs ?? -1;
    // Attempt 3: ceiling 100 · 2² = 400, jittered over its upper half.
    expect(delay('r1')).toBeGreaterThanOrEqual(200);
    expect(delay('r1')).toBeLessThanOrEqual(400);
    // Attempt 21: capped at maxBackoffMs.
    expect(delay('r2')).toBeGreaterThanOrEqual(5_000);
    expect(delay('r2')).toBeLessThanOrEqual(10_000);
  });

  it('calls onApplied once per store that applied a record, never for a store that failed', async () => {
    const { relay, outbox, neo4j, onApplied } = setup();
    neo4j.failWith = (ids) => (ids.includes('W2') ? new Error('no') : undefined);
    outbox.add(record('r1', 'W1', ['neo4j', 'elasticsearch']), record('r2', 'W2', ['neo4j', 'elasticsearch']));
    await relay.runOnce();
    const count = (id: string) => onApplied.filter((a) => a.recordId === id).length;
    expect(count('r1')).toBe(2);
    expect(count('r2')).toBe(1);
  });

  it('logs a failing onApplied and still settles the record as delivered', async () => {
    const { relay, outbox, failOnApplied, logs } = setup();
    failOnApplied(new Error('redis down'));
    outbox.add(record('r1', 'W1', ['neo4j', 'elasticsearch']));
    expect(await relay.runOnce()).toMatchObject({ delivered: 1 });
    expect(logs.filter((l) => l.level === 'warn' && l.msg.includes('cache invalidation'))).toHaveLength(2);
  });

  it('settles the other records when settling one fails, and does not count the one that failed', async () => {
    const { relay, outbox } = setup();
    outbox.failSettle.add('r1');
    outbox.add(record('r1', 'W1', ['neo4j']), record('r2', 'W2', ['neo4j']));
    expect(await relay.runOnce()).toEqual({ claimed: 2, delivered: 1, retried: 0, deadLettered: 0 });
    expect(outbox.settlements.map((s) => s.recordId)).toEqual(['r1', 'r2']);
  });

  it('claims at most batchSize records', async () => {
    const { relay, outbox } = setup({ batchSize: 2 });
    outbox.add(record('r1', 'W1', ['neo4j']), record('r2', 'W2', ['neo4j']), record('r3', 'W3', ['neo4j']));
    expect(await relay.runOnce()).toMatchObject({ claimed: 2 });
    expect([...outbox.live.keys()]).toEqual(['r3']);
  });
});

describe('OutboxRelay.flush', () => {
  it('runs rounds until nothing is ready and answers true', async () => {
    const { relay, outbox, neo4j } = setup({ batchSize: 2 }, ['neo4j']);
    outbox.add(record('r1', 'W1', ['neo4j']), record('r2', 'W2', ['neo4j']), record('r3', 'W3', ['neo4j']));
    expect(await relay.flush(60_000)).toBe(true);
    expect(outbox.live.size).toBe(0);
    expect(neo4j.appliedWorks).toEqual(['W1', 'W2', 'W3']);
    expect(outbox.claims).toBe(3);
  });

  it('ends once a failing record is dead-lettered', async () => {
    const { relay, outbox, neo4j } = setup({ maxAttempts: 3 }, ['neo4j']);
    neo4j.failWith = () => new Error('poison');
    outbox.add(record('r1', 'W1', ['neo4j']));
    expect(await relay.flush(60_000)).toBe(true);
    expect(outcomeOf(outbox, 'r1')).toHaveLength(3);
    expect(outbox.dead.has('r1')).toBe(true);
  });

  it('answers false when records are still ready at the deadline', async () => {
    const { relay, outbox, neo4j } = setup({}, ['neo4j']);
    neo4j.failWith = () => breakerOpen('neo4j');
    outbox.add(record('r1', 'W1', ['neo4j']));
    expect(await relay.flush(20)).toBe(false);
    expect(outbox.live.has('r1')).toBe(true);
  });
});

describe('OutboxRelay lifecycle', () => {
  const IDLE_FOREVER = { pollIntervalMs: 3_600_000 };
  const tick = () => new Promise((resolve) => setImmediate(resolve));

  it('stops a loop that was never woken', async () => {
    const { relay, outbox } = setup(IDLE_FOREVER);
    relay.start();
    await outbox.until(() => outbox.claims >= 1);
    await relay.stop();
    const claims = outbox.claims;
    await tick();
    expect(outbox.claims).toBe(claims);
  });

  it('runs a round at once when woken, then stops', async () => {
    const { relay, outbox, neo4j } = setup(IDLE_FOREVER, ['neo4j']);
    relay.start();
    await outbox.until(() => outbox.claims >= 1);
    outbox.add(record('r1', 'W1', ['neo4j']));
    relay.wake();
    await outbox.until(() => outbox.settlements.length >= 1);
    expect(neo4j.appliedWorks).toEqual(['W1']);
    await relay.stop();
  });

  it('starts one loop however often start is called', async () => {
    const { relay, outbox } = setup(IDLE_FOREVER);
    relay.start();
    relay.start();
    await outbox.until(() => outbox.claims >= 1);
    await tick();
    await tick();
    expect(outbox.claims).toBe(1);
    await relay.stop();
  });

  it('goes on at once, without idling, after a full batch', async () => {
    const { relay, outbox } = setup({ ...IDLE_FOREVER, batchSize: 1 }, ['neo4j']);
    outbox.add(record('r1', 'W1', ['neo4j']), record('r2', 'W2', ['neo4j']));
    relay.start();
    await outbox.until(() => outbox.settlements.length >= 2);
    expect(outbox.live.size).toBe(0);
    await relay.stop();
  });

  it('survives a failed round and logs it', async () => {
    const { relay, outbox, logs } = setup(IDLE_FOREVER);
    outbox.failClaims = 1;
    relay.start();
    await outbox.until(() => outbox.claims >= 1);
    relay.wake();
    await outbox.until(() => outbox.claims >= 2);
    await relay.stop();
    expect(logs.some((l) => l.msg === 'outbox relay round failed')).toBe(true);
  });

  it('can be started again after stop', async () => {
    const { relay, outbox, neo4j } = setup(IDLE_FOREVER, ['neo4j']);
    relay.start();
    await outbox.until(() => outbox.claims >= 1);
    await relay.stop();
    outbox.add(record('r1', 'W1', ['neo4j']));
    relay.start();
    await outbox.until(() => outbox.settlements.length >= 1);
    expect(neo4j.appliedWorks).toEqual(['W1']);
    await relay.stop();
  });

  it('stop without start resolves', async () => {
    const { relay } = setup();
    await expect(relay.stop()).resolves.toBeUndefined();
  });
});
