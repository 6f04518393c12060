import { randomBytes } from 'node:crypto';
import type { ChangeTrace, ChangeTraces } from '../../../../datasources/writes/ChangeTraces';
import { InvalidSyncTokenError, UnknownSyncTokenError } from '../../../../src/core/errors';
import type { StoreName } from '../../../../src/core/StoreName';
import { syncErrorClass } from '../../../../src/writes/syncErrorClass';
import { SyncTokenCodec } from '../../../../src/writes/SyncToken';
import { SYNC_STATUS_POLL_MS, SyncTracker, type ChangeReceipt } from '../../../../src/writes/SyncTracker';

const EDITOR = { subject: 'editor-1', role: 'editor' };
const RECEIPT: ChangeReceipt = { outboxId: '42', workId: 'WG0123456789ABCDEF0123456789ABCDEF', operation: 'create', version: 1, stores: ['neo4j', 'influxdb', 'elasticsearch'] };
const pending = (stores: readonly StoreName[], extra: Partial<NonNullable<ChangeTrace['record']>> = {}): ChangeTrace => ({
  record: { workId: RECEIPT.workId, pendingStores: stores, attempts: 0, lastError: null, deadLetteredAt: null, ...extra },
  issued: true,
  currentVersion: 1,
});
const GONE: ChangeTrace = { record: undefined, issued: true, currentVersion: 1 };

/** Traces answered one after another (the last repeats), counting the reads. */
class ScriptedTraces implements ChangeTraces {
  reads = 0;
  constructor(private traces: ChangeTrace[]) {}
  /** From now on every read answers `trace`. */
  finish(trace: ChangeTrace): void {
    this.traces = [trace];
  }
  async trace(): Promise<ChangeTrace> {
    const t = this.traces[Math.min(this.reads, this.traces.length - 1)] as ChangeTrace;
    this.reads++;
    return t;
  }
}

function tracker(traces: ChangeTraces, relay?: { listeners: Set<() => void> }, maxWaiters = 100) {
  const codec = new SyncTokenCodec(randomBytes(32));
  const onRelaySettled = relay
    ? (l: () => void) => {
        relay.listeners.add(l);
        return () => relay.listeners.delete(l);
      }
    : undefined;
  return { codec, tracker: new SyncTracker({ codec, traces, onRelaySettled, requestTimeoutMs: 15_000, maxWaiters }) };
}

describe('SyncTokenCodec', () => {
  const codec = new SyncTokenCodec(randomBytes(32));
  const claims = { ...RECEIPT, principal: codec.principalOf('someone'), issuedAt: 1_700_000_000 };

  it('reads back what it signed, and nothing another key signed', () => {
    expect(codec.read(codec.sign(claims))).toEqual(claims);
    expect(() => new SyncTokenCodec(randomBytes(32)).read(codec.sign(claims))).toThrow(InvalidSyncTokenError);
  });

  it("refuses another spelling of the same signature bytes (the last character's spare bits)", () => {
    const token = codec.sign(claims);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const last = alphabet.indexOf(token.at(-1) as string);
    const respelled = `${token.slice(0, -1)}${alphabet[last ^ 1]}`;
    expect(Buffer.from(respelled.split('.')[2] as string, 'base64url')).toEqual(Buffer.from(token.split('.')[2] as string, 'base64url'));
    expect(() => codec.read(respelled)).toThrow(InvalidSyncTokenError);
  });

  it('refuses every single-character change of a token', () => {
    const token = codec.sign(claims);
    for (let i = 0; i < token.length; i++) {
      const altered = `${token.slice(0, i)}${token[i] === 'A' ? 'B' : 'A'}${token.slice(i + 1)}`;
      expect(() => codec.read(altered)).toThrow(InvalidSyncTokenError);
    }
  });

  it('keys the principal digest: the same subject gives another digest under another key', () => {
    expect(codec.principalOf('x')).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(new SyncTokenCodec(randomBytes(32)).principalOf('x')).not.toBe(codec.principalOf('x'));
  });
});

describe('syncErrorClass', () => {
  it.each([
    ['elasticsearch: elasticsearch is unavailable: connect ECONNREFUSED', 'elasticsearch', 'UNAVAILABLE'],
    ['neo4j: neo4j is unavailable: circuit breaker is open; elasticsearch: mapper_parsing_exception', 'elasticsearch', 'REJECTED'],
    ['neo4j: neo4j is unavailable: circuit breaker is open; elasticsearch: mapper_parsing_exception', 'neo4j', 'UNAVAILABLE'],
    ['influxdb: reading the catalog failed: postgres is unavailable: timeout', 'influxdb', 'CATALOG_UNAVAILABLE'],
    ['neo4j: neo4j is not configured in this gateway', 'neo4j', 'NOT_CONFIGURED'],
    ['neo4j: boom', 'influxdb', null],
    [null, 'neo4j', null],
  ] as const)('%s, for %s: %s', (lastError, store, expected) => {
    expect(syncErrorClass(lastError, store)).toBe(expected);
  });
});

describe('SyncTracker', () => {
  it('reports a live record store by store: pending, applied, failed with its class — never the message', async () => {
    const traces = new ScriptedTraces([pending(['elasticsearch'], { attempts: 3, lastError: 'elasticsearch: elasticsearch is unavailable: ECONNREFUSED 10.0.0.7:9200' })]);
    const { tracker: t } = tracker(traces);
    const report = await t.status(t.issue(EDITOR, RECEIPT), EDITOR, 0);
    expect(report).toEqual({
      workId: RECEIPT.workId,
      operation: 'create',
      version: 1,
      complete: false,
      superseded: false,
      stores: [
        { store: 'neo4j', state: 'APPLIED', attempts: 0, errorClass: null },
        { store: 'influxdb', state: 'APPLIED', attempts: 0, errorClass: null },
        { store: 'elasticsearch', state: 'PENDING', attempts: 3, errorClass: 'UNAVAILABLE' },
      ],
    });
    const dead = new ScriptedTraces([pending(['neo4j'], { attempts: 10, lastError: 'neo4j: constraint', deadLetteredAt: new Date(0) })]);
    const { tracker: t2 } = tracker(dead);
    expect((await t2.status(t2.issue(EDITOR, RECEIPT), EDITOR, 0)).stores[0]).toEqual({ store: 'neo4j', state: 'FAILED', attempts: 10, errorClass: 'REJECTED' });
  });

  it('refuses another principal, an anonymous caller, a record of another work and one never issued with one UnknownSyncTokenError', async () => {
    const cases: [ChangeTrace, { subject: string; role: string } | undefined][] = [
      [GONE, { subject: 'editor-2', role: 'editor' }],
      [GONE, undefined],
      [{ ...pending(['neo4j']), record: { ...(pending(['neo4j']).record as NonNullable<ChangeTrace['record']>), workId: 'WG1' } }, EDITOR],
      [{ record: undefined, issued: false, currentVersion: null }, EDITOR],
    ];
    for (const [trace, principal] of cases) {
      const { tracker: t } = tracker(new ScriptedTraces([trace]));
      await expect(t.status(t.issue(EDITOR, RECEIPT), principal, 0)).rejects.toThrow(UnknownSyncTokenError);
    }
  });

  it('reports superseded once the work has a later version or is gone', async () => {
    for (const [currentVersion, superseded] of [[1, false], [2, true], [null, true]] as const) {
      const { tracker: t } = tracker(new ScriptedTraces([{ ...GONE, currentVersion }]));
      expect((await t.status(t.issue(EDITOR, RECEIPT), EDITOR, 0)).superseded).toBe(superseded);
    }
  });

  it('waits on the in-process relay: checks again soon after a settled round, and answers once complete', async () => {
    const relay = { listeners: new Set<() => void>() };
    const traces = new ScriptedTraces([pending(['neo4j']), GONE]);
    const { tracker: t } = tracker(traces, relay);
    const started = Date.now();
    const waiting = t.status(t.issue(EDITOR, RECEIPT), EDITOR, 5_000);
    await new Promise((r) => setTimeout(r, 20));
    for (const l of relay.listeners) l();
    const report = await waiting;
    expect(report.complete).toBe(true);
    expect(traces.reads).toBe(2);
    expect(Date.now() - started).toBeLessThan(SYNC_STATUS_POLL_MS);
    expect(relay.listeners.size).toBe(0);
  });

  it('without a relay polls no faster than every 500 ms, and stops at waitMs with the status as it is', async () => {
    const traces = new ScriptedTraces([pending(['neo4j'])]);
    const { tracker: t } = tracker(traces);
    const started = Date.now();
    const report = await t.status(t.issue(EDITOR, RECEIPT), EDITOR, 1_200);
    const elapsed = Date.now() - started;
    expect(report.complete).toBe(false);
    expect(elapsed).toBeGreaterThanOrEqual(1_150);
    expect(elapsed).toBeLessThan(2_000);
    // At 0, 500, 1000 and at the bound (1,200 ms).
    expect(traces.reads).toBeLessThanOrEqual(4);
  });

  it('lets at most maxWaiters statuses wait at once: the next ones answer at once with one check, and a slot frees when a wait ends', async () => {
    const relay = { listeners: new Set<() => void>() };
    const traces = new ScriptedTraces([pending(['neo4j'])]);
    const { tracker: t } = tracker(traces, relay, 2);
    const token = t.issue(EDITOR, RECEIPT);
    const waits = [t.status(token, EDITOR, 10_000), t.status(token, EDITOR, 10_000)];
    await new Promise((r) => setTimeout(r, 20));
    expect(t.waiters).toBe(2);
    const readsBefore = traces.reads;
    const started = Date.now();
    const third = await t.status(token, EDITOR, 10_000);
    expect([third.complete, third.stores[0]?.state, traces.reads - readsBefore, t.waiters]).toEqual([false, 'PENDING', 1, 2]);
    expect(Date.now() - started).toBeLessThan(200);
    // The two waits see the change applied at the relay's next round, and give their slots back.
    traces.finish(GONE);
    for (const l of relay.listeners) l();
    expect((await Promise.all(waits)).map((r) => r.complete)).toEqual([true, true]);
    expect(t.waiters).toBe(0);
    const { tracker: none } = tracker(new ScriptedTraces([pending(['neo4j'])]), undefined, 0);
    const at = Date.now();
    expect((await none.status(none.issue(EDITOR, RECEIPT), EDITOR, 5_000)).complete).toBe(false);
    expect(Date.now() - at).toBeLessThan(200);
  });

  it('does not wait when every store still missing the change has failed', async () => {
    const traces = new ScriptedTraces([pending(['neo4j'], { deadLetteredAt: new Date(0), attempts: 10 })]);
    const { tracker: t } = tracker(traces);
    const started = Date.now();
    expect((await t.status(t.issue(EDITOR, RECEIPT), EDITOR, 5_000)).stores[0]?.state).toBe('FAILED');
    expect(Date.now() - started).toBeLessThan(200);
    expect(traces.reads).toBe(1);
  });
});
