import type { ArticleChange, ArticleFields, ArticlePatch, ArticleWriter } from '../../../../datasources/writes/articleWrite';
import type { DeliveryOutcome, Outbox, OutboxRecord, OutboxRecordState } from '../../../../datasources/writes/Outbox';
import type { OutboxStats } from '../../../../src/core/metrics';
import type { WorkRecord } from '../../../../datasources/types';
import { ArticleService, syncReport } from '../../../../src/writes/ArticleService';
import { OutboxAdmin } from '../../../../src/writes/OutboxAdmin';
import { toMintedId } from '../../../../src/core/domain/mintedId';
import type { Logger } from '../../../../src/core/logger';
import type { StoreName } from '../../../../src/core/StoreName';

const STORES: readonly StoreName[] = ['neo4j', 'influxdb', 'elasticsearch'];

describe('syncReport', () => {
  it('reports PostgreSQL first, always applied, then every projection store in the configured order', () => {
    const report = syncReport(STORES, undefined);
    expect(report.map((s) => s.store)).toEqual(['postgres', 'neo4j', 'influxdb', 'elasticsearch']);
    expect(report.every((s) => s.state === 'APPLIED' && s.lastError === null && s.attempts === 0)).toBe(true);
  });

  it('marks the stores still pending, with the record attempts and last error', () => {
    const report = syncReport(STORES, { pendingStores: ['influxdb'], attempts: 2, lastError: 'influxdb is unavailable: timeout', deadLetteredAt: null });
    expect(report.find((s) => s.store === 'influxdb')).toEqual({ store: 'influxdb', state: 'PENDING', attempts: 2, lastError: 'influxdb is unavailable: timeout' });
    for (const store of ['postgres', 'neo4j', 'elasticsearch'] as const) {
      expect(report.find((s) => s.store === store)).toMatchObject({ state: 'APPLIED', lastError: null });
    }
  });

  it('marks pending stores of a dead-lettered record DEAD_LETTERED, and only those', () => {
    const report = syncReport(STORES, { pendingStores: ['neo4j', 'elasticsearch'], attempts: 10, lastError: 'boom', deadLetteredAt: new Date(0) });
    expect(report.map((s) => [s.store, s.state])).toEqual([
      ['postgres', 'APPLIED'],
      ['neo4j', 'DEAD_LETTERED'],
      ['influxdb', 'APPLIED'],
      ['elasticsearch', 'DEAD_LETTERED'],
    ]);
    expect(report.find((s) => s.store === 'neo4j')).toMatchObject({ attempts: 10, lastError: 'boom' });
  });

  it('reports only PostgreSQL when no projection store is configured', () => {
    expect(syncReport([], { pendingStores: [], attempts: 0, lastError: null, deadLetteredAt: null })).toEqual([
      { store: 'postgres', state: 'APPLIED', attempts: 0, lastError: null },
    ]);
  });
});

// ---------------------------------------------------------------------------------------------------------

const WORK: WorkRecord = {
  id: 'WG0',
  doi: null,
  title: 'T',
  abstract: null,
  publicationYear: 2024,
  publicationDate: '2024-01-01',
  type: 'article',
  language: null,
  citedByCount: 0,
  isOpenAccess: false,
  sourceId: null,
  primaryTopicId: null,
  referencedWorkIds: [],
  relatedWorkIds: [],
  oaStatus: null,
  oaUrl: null,
  version: 1,
};

const FIELDS: ArticleFields = {
  title: 'T',
  abstract: null,
  publicationDate: '2024-01-01',
  doi: null,
  byline: [{ kind: 'existing', authorId: 'A1' }],
  referencedWorkIds: [],
  topicIds: [],
  isOpenAccess: false,
  language: null,
};

function changeOf(workId: string, operation: ArticleChange['operation'], pendingStores: readonly StoreName[]): ArticleChange {
  return { outboxId: 'ob-1', workId, operation, touched: { authorIds: ['A1'], topicIds: [], referencedWorkIds: [] }, pendingStores };
}

/** An ArticleWriter that records its calls and answers a change pending for `pendingStores`. */
class FakeWriter implements ArticleWriter {
  readonly calls: unknown[][] = [];
  /** Resolved by the test to let a write commit (undefined: commits at once). */
  gate: Promise<void> | undefined;

  /** `update` answers "nothing changed" (no change, no new version), as the writer does for a no-op patch. */
  noOp = false;

  constructor(private readonly pendingStores: readonly StoreName[]) {}

  async create(workId: string, fields: ArticleFields, projectionStores: readonly StoreName[]) {
    this.calls.push(['create', workId, fields, projectionStores]);
    await this.gate;
    return { work: { ...WORK, id: workId }, change: changeOf(workId, 'create', this.pendingStores) };
  }

  async update(workId: string, expectedVersion: number, patch: ArticlePatch, projectionStores: readonly StoreName[]) {
    this.calls.push(['update', workId, expectedVersion, patch, projectionStores]);
    if (this.noOp) return { work: { ...WORK, id: workId, version: expectedVersion }, change: undefined };
    return { work: { ...WORK, id: workId, version: expectedVersion + 1 }, change: changeOf(workId, 'update', this.pendingStores) };
  }

  async delete(workId: string, expectedVersion: number | undefined, projectionStores: readonly StoreName[]) {
    this.calls.push(['delete', workId, expectedVersion, projectionStores]);
    return { change: changeOf(workId, 'delete', this.pendingStores) };
  }
}

/** An Outbox whose `state` answers the scripted states one after another (the last one repeats). */
class ScriptedOutbox implements Outbox {
  readonly stateCalls: string[] = [];
  requeued = 0;

  constructor(private readonly states: (OutboxRecordState | Error)[] = []) {}

  async claim(): Promise<OutboxRecord[]> {
    return [];
  }

  async settle(_record: OutboxRecord, _relayId: string, _outcome: DeliveryOutcome): Promise<'delivered' | 'retry' | 'dead-lettered'> {
    throw new Error('not used');
  }

  async state(id: string): Promise<OutboxRecordState> {
    this.stateCalls.push(id);
    const next = this.states.length > 1 ? this.states.shift() : this.states[0];
    if (next instanceof Error) throw next;
    return next;
  }

  async stats(): Promise<OutboxStats> {
    return { pending: 4, deadLettered: 1, oldestPendingAgeSeconds: 12 };
  }

  async deadLetters(limit: number): Promise<OutboxRecord[]> {
    return [
      {
        id: `dl-${limit}`,
        workId: 'W1',
        operation: 'update',
        touched: { authorIds: [], topicIds: [], referencedWorkIds: [] },
        pendingStores: ['neo4j'],
        attempts: 10,
        lastError: 'x',
        createdAt: new Date(0),
        deadLetteredAt: new Date(1),
      },
    ];
  }

  async requeue(ids: readonly string[] | undefined): Promise<number> {
    this.requeued++;
    return ids === undefined ? 3 : ids.length;
  }
}

interface Harness {
  readonly service: ArticleService;
  readonly admin: OutboxAdmin;
  readonly writer: FakeWriter;
  readonly outbox: ScriptedOutbox;
  /** Every side effect in order: 'invalidate:<workId>', 'wake', 'warn:<message>'. */
  readonly events: string[];
}

function harness(options: {
  pendingStores?: readonly StoreName[];
  states?: (OutboxRecordState | Error)[];
  syncWaitMs?: number;
  invalidate?: (change: ArticleChange) => Promise<void>;
}): Harness {
  const events: string[] = [];
  const writer = new FakeWriter(options.pendingStores ?? STORES);
  const outbox = new ScriptedOutbox(options.states);
  const logger = {
    warn: (_obj: unknown, msg: string) => events.push(`warn:${msg}`),
    error: (_obj: unknown, msg: string) => events.push(`error:${msg}`),
    info: () => undefined,
    debug: () => undefined,
  } as unknown as Logger;
  const service = new ArticleService({
    writer,
    outbox,
    projectionStores: STORES,
    invalidate: async (change) => {
      events.push(`invalidate:${change.workId}`);
      await options.invalidate?.(change);
    },
    wakeRelay: () => events.push('wake'),
    syncWaitMs: options.syncWaitMs ?? 10_000,
    logger,
  });
  const admin = new OutboxAdmin(outbox, () => events.push('wake'));
  return { service, admin, writer, outbox, events };
}

const pending = (stores: readonly StoreName[], attempts = 0, lastError: string | null = null): OutboxRecordState => ({
  pendingStores: stores,
  attempts,
  lastError,
  deadLetteredAt: null,
});

describe('ArticleService', () => {
  it('creates with a minted work id and the configured projection stores', async () => {
    const { service, writer } = harness({});
    const { work } = await service.create(FIELDS, false);
    const [call] = writer.calls;
    expect(call?.[0]).toBe('create');
    expect(toMintedId(call?.[1] as string, 'W')).toBe(call?.[1]);
    expect(call?.[2]).toBe(FIELDS);
    expect(call?.[3]).toEqual(STORES);
    expect(work.id).toBe(call?.[1]);
  });

  it('mints a different work id for each create', async () => {
    const { service, writer } = harness({});
    await service.create(FIELDS, false);
    await service.create(FIELDS, false);
    expect(writer.calls[0]?.[1]).not.toBe(writer.calls[1]?.[1]);
  });

  it('without waiting, reports every pending store PENDING and never reads the outbox', async () => {
    const { service, outbox } = harness({});
    const { sync } = await service.create(FIELDS, false);
    expect(sync).toEqual([
      { store: 'postgres', state: 'APPLIED', attempts: 0, lastError: null },
      { store: 'neo4j', state: 'PENDING', attempts: 0, lastError: null },
      { store: 'influxdb', state: 'PENDING', attempts: 0, lastError: null },
      { store: 'elasticsearch', state: 'PENDING', attempts: 0, lastError: null },
    ]);
    expect(outbox.stateCalls).toEqual([]);
  });

  it('reports every store APPLIED when the change left nothing pending, even when asked to wait', async () => {
    const { service, outbox } = harness({ pendingStores: [] });
    const { sync } = await service.update('W1', 4, { title: 'New' }, true);
    expect(sync.every((s) => s.state === 'APPLIED')).toBe(true);
    expect(outbox.stateCalls).toEqual([]);
  });

  it('answers a no-op update as it is, without invalidating, waking the relay or waiting: every store already shows it', async () => {
    const { service, writer, outbox, events } = harness({});
    writer.noOp = true;
    const { work, sync } = await service.update('W1', 4, { title: 'Same' }, true);
    expect(work.version).toBe(4);
    expect(sync.map((s) => [s.store, s.state])).toEqual([['postgres', 'APPLIED'], ...STORES.map((s) => [s, 'APPLIED'])]);
    expect(events).toEqual([]);
    expect(outbox.stateCalls).toEqual([]);
  });

  it('invalidates the cache, then wakes the relay, only after the write committed', async () => {
    const { service, writer, events } = harness({});
    let commit: () => void = () => undefined;
    writer.gate = new Promise((resolve) => (commit = resolve));
    const done = service.create(FIELDS, false);
    await new Promise((resolve) => setImmediate(resolve));
    expect(events).toEqual([]);
    commit();
    const { work } = await done;
    expect(events).toEqual([`invalidate:${work.id}`, 'wake']);
  });

  it('does not fail a committed mutation when cache invalidation fails: it logs a warning and still wakes the relay', async () => {
    const { service, events } = harness({
      invalidate: async () => {
        throw new Error('redis down');
      },
    });
    const result = await service.update('W1', 2, { title: 'x' }, false);
    expect(result.work.version).toBe(3);
    expect(events).toEqual(['invalidate:W1', 'warn:cache invalidation after commit failed', 'wake']);
  });

  it('waiting, polls the outbox record until it is gone, then reports every store APPLIED', async () => {
    const { service, outbox } = harness({ states: [pending(STORES), pending(['influxdb'], 1, 'timeout'), undefined] });
    const { sync } = await service.update('W1', 1, {}, true);
    expect(outbox.stateCalls).toEqual(['ob-1', 'ob-1', 'ob-1']);
    expect(sync.map((s) => s.state)).toEqual(['APPLIED', 'APPLIED', 'APPLIED', 'APPLIED']);
  });

  it('waiting, stops polling once the record is dead-lettered and reports it', async () => {
    const dead: OutboxRecordState = { pendingStores: ['neo4j'], attempts: 10, lastError: 'constraint', deadLetteredAt: new Date(0) };
    const { service, outbox } = harness({ states: [pending(['neo4j'], 9, 'constraint'), dead, undefined] });
    const { sync } = await service.delete('W1', undefined, true);
    expect(outbox.stateCalls).toHaveLength(2);
    expect(sync.find((s) => s.store === 'neo4j')).toEqual({ store: 'neo4j', state: 'DEAD_LETTERED', attempts: 10, lastError: 'constraint' });
    expect(sync.find((s) => s.store === 'influxdb')?.state).toBe('APPLIED');
  });

  it('waiting, gives up at the deadline and reports what is still pending', async () => {
    const { service, outbox } = harness({ syncWaitMs: 0, states: [pending(['elasticsearch'], 2, 'elasticsearch is unavailable'), undefined] });
    const { sync } = await service.create(FIELDS, true);
    expect(outbox.stateCalls).toHaveLength(1);
    expect(sync.find((s) => s.store === 'elasticsearch')).toEqual({ store: 'elasticsearch', state: 'PENDING', attempts: 2, lastError: 'elasticsearch is unavailable' });
    expect(sync.find((s) => s.store === 'neo4j')?.state).toBe('APPLIED');
  });

  it('waiting, treats an outbox that cannot be read as every store pending (never an error)', async () => {
    const { service } = harness({ syncWaitMs: 0, states: [new Error('connection refused')] });
    const { sync } = await service.create(FIELDS, true);
    expect(sync.map((s) => s.state)).toEqual(['APPLIED', 'PENDING', 'PENDING', 'PENDING']);
  });

  it('waiting, keeps polling after a failed read of the outbox', async () => {
    const { service, outbox } = harness({ states: [new Error('blip'), undefined] });
    const { sync } = await service.create(FIELDS, true);
    expect(outbox.stateCalls).toHaveLength(2);
    expect(sync.map((s) => s.state)).toEqual(['APPLIED', 'APPLIED', 'APPLIED', 'APPLIED']);
  });

  it('passes update and delete arguments through and answers the deleted id', async () => {
    const { service, writer } = harness({});
    const patch: ArticlePatch = { abstract: null };
    await service.update('W7', 5, patch, false);
    const deleted = await service.delete('W8', 2, false);
    expect(writer.calls).toEqual([
      ['update', 'W7', 5, patch, STORES],
      ['delete', 'W8', 2, STORES],
    ]);
    expect(deleted.id).toBe('W8');
  });

  it('wakes the relay after a requeue only when something was requeued', async () => {
    const { admin, events } = harness({});
    expect(await admin.requeueDeadLetters([])).toBe(0);
    expect(events).toEqual([]);
    expect(await admin.requeueDeadLetters(undefined)).toBe(3);
    expect(events).toEqual(['wake']);
  });

  it('answers the outbox stats with the first dead letters', async () => {
    const { admin } = harness({});
    const status = await admin.status(5);
    expect(status).toMatchObject({ pending: 4, deadLettered: 1, oldestPendingAgeSeconds: 12 });
    expect(status.deadLetters.map((r) => r.id)).toEqual(['dl-5']);
  });
});
