import { Registry } from 'prom-client';
import { StorePolicy, type StorePolicyOptions } from '../../../../datasources/shared/StorePolicy';
import { RequestTimeoutError, StoreUnavailableError } from '../../../../src/core/errors';
import { GatewayMetrics } from '../../../../src/core/metrics';
import { RequestScope, runInRequestScope } from '../../../../src/core/requestScope';

class FlakyError extends Error {}
const isFlaky = (err: unknown): boolean => err instanceof FlakyError;

/** A promise with its resolve function, to hold a call open until the test lets it go. */
function gate<T = void>() {
  let open!: (value: T) => void;
  const promise = new Promise<T>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  throw new Error('expected the promise to reject');
}

let metrics: GatewayMetrics;

function policy(store: 'postgres' | 'neo4j' | 'redis', options: Partial<StorePolicyOptions> = {}): StorePolicy {
  return new StorePolicy(store, isFlaky, { timeoutMs: 1_000, maxAttempts: 3, initialBackoffMs: 1, maxBackoffMs: 2, metrics, ...options });
}

async function counterValue(name: string, labels: Record<string, string>): Promise<number> {
  const metric = await metrics.registry.getSingleMetric(name)?.get();
  const match = metric?.values.find((v) => Object.entries(labels).every(([k, value]) => v.labels[k] === value));
  return match?.value ?? 0;
}

beforeEach(() => {
  metrics = new GatewayMetrics(new Registry());
});

describe('StorePolicy: bulkhead', () => {
  it('rejects a call beyond the running and queued limits as UPSTREAM_UNAVAILABLE naming the store', async () => {
    const p = policy('neo4j', { maxConcurrentCalls: 1, maxQueuedCalls: 1 });
    const held = gate();
    const running = p.execute('citations.page', () => held.promise.then(() => 'first'));
    const queued = p.execute('citations.page', async () => 'second');
    const err = await caught(p.execute('citations.page', async () => 'third'));
    expect(err).toBeInstanceOf(StoreUnavailableError);
    expect((err as StoreUnavailableError).extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', store: 'neo4j' });
    expect((err as Error).message).toMatch(/too many concurrent calls \(1 running, 1 queued\)/);
    held.open();
    await expect(running).resolves.toBe('first');
    await expect(queued).resolves.toBe('second');
    expect(await counterValue('gateway_datasource_calls_total', { store: 'neo4j', outcome: 'rejected' })).toBe(1);
    expect(await counterValue('gateway_datasource_calls_total', { store: 'neo4j', outcome: 'success' })).toBe(2);
  });

  it('runs a queued call only once a running one has finished', async () => {
    const p = policy('postgres', { maxConcurrentCalls: 1, maxQueuedCalls: 5 });
    const held = gate();
    let secondStarted = false;
    const first = p.execute('works.byId', () => held.promise);
    const second = p.execute('works.byId', async () => {
      secondStarted = true;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(secondStarted).toBe(false);
    held.open();
    await Promise.all([first, second]);
    expect(secondStarted).toBe(true);
  });

  it('never opens the breaker on bulkhead rejections', async () => {
    const p = policy('postgres', { maxConcurrentCalls: 1, maxQueuedCalls: 0, breakerThreshold: 1 });
    const held = gate();
    const running = p.execute('works.byId', () => held.promise);
    for (let i = 0; i < 3; i++) await expect(p.execute('works.byId', async () => 1)).rejects.toBeInstanceOf(StoreUnavailableError);
    held.open();
    await running;
    expect(p.breakerState).toBe('closed');
  });
});

describe('StorePolicy: metrics', () => {
  it('counts calls by store, operation and outcome, and times them', async () => {
    const p = policy('postgres', { maxAttempts: 1 });
    await p.execute('works.byId', async () => 1);
    await p.execute('works.byId', async () => 2);
    await expect(p.execute('works.find', async () => Promise.reject(new Error('syntax error')))).rejects.toThrow('syntax error');
    await expect(p.execute('works.find', async () => Promise.reject(new FlakyError('refused')))).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(await counterValue('gateway_datasource_calls_total', { store: 'postgres', operation: 'works.byId', outcome: 'success' })).toBe(2);
    expect(await counterValue('gateway_datasource_calls_total', { store: 'postgres', operation: 'works.find', outcome: 'error' })).toBe(1);
    expect(await counterValue('gateway_datasource_calls_total', { store: 'postgres', operation: 'works.find', outcome: 'unavailable' })).toBe(1);
    const durations = await metrics.registry.getSingleMetric('gateway_datasource_call_duration_seconds')?.get();
    const count = durations?.values.find((v) => (v as { metricName?: string }).metricName === 'gateway_datasource_call_duration_seconds_count' && v.labels['operation'] === 'works.byId');
    expect(count?.value).toBe(2);
  });

  it('reports the breaker state per store in gateway_circuit_breaker_state (2 = open)', async () => {
    const p = policy('redis', { maxAttempts: 1, breakerThreshold: 1, halfOpenAfterMs: 60_000 });
    expect(await counterValue('gateway_circuit_breaker_state', { store: 'redis' })).toBe(0);
    await expect(p.execute('mget', async () => Promise.reject(new FlakyError()))).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(p.breakerState).toBe('open');
    expect(await counterValue('gateway_circuit_breaker_state', { store: 'redis' })).toBe(2);
    await expect(p.execute('mget', async () => 'never called')).rejects.toThrow(/circuit breaker is open/);
    expect(await counterValue('gateway_datasource_calls_total', { store: 'redis', outcome: 'circuit_open' })).toBe(1);
  });
});

describe('StorePolicy: inside a request', () => {
  it('counts each logical call (not each retry) in the request scope, per store', async () => {
    const scope = new RequestScope('req-1', new AbortController().signal);
    const pg = policy('postgres');
    const neo = policy('neo4j');
    let attempts = 0;
    await runInRequestScope(scope, async () => {
      await pg.execute('works.byId', async () => 1);
      await pg.execute('works.byId', async () => {
        attempts += 1;
        if (attempts < 3) throw new FlakyError();
        return 2;
      });
      await neo.execute('citations.page', async () => 3);
    });
    expect(attempts).toBe(3);
    expect(scope.storeCalls).toEqual({ postgres: 2, neo4j: 1 });
  });

  it('fails a running call with the deadline error when the request deadline passes, without retrying or tripping the breaker', async () => {
    const deadline = new AbortController();
    const scope = new RequestScope('req-2', deadline.signal);
    const p = policy('postgres', { breakerThreshold: 1, maxAttempts: 3 });
    let calls = 0;
    let seenSignal: AbortSignal | undefined;
    const pending = runInRequestScope(scope, () =>
      p.execute('works.find', (signal) => {
        calls += 1;
        seenSignal = signal;
        return new Promise<never>(() => undefined);
      }),
    );
    await new Promise((resolve) => setImmediate(resolve));
    const reason = new RequestTimeoutError(250);
    deadline.abort(reason);
    await expect(pending).rejects.toBe(reason);
    expect(calls).toBe(1);
    expect(seenSignal?.aborted).toBe(true);
    expect(p.breakerState).toBe('closed');
    expect(await counterValue('gateway_datasource_calls_total', { store: 'postgres', outcome: 'cancelled' })).toBe(1);
  });

  it('does not call the store at all once the deadline has passed', async () => {
    const deadline = new AbortController();
    const reason = new RequestTimeoutError(100);
    deadline.abort(reason);
    const p = policy('postgres');
    let calls = 0;
    const err = await caught(
      runInRequestScope(new RequestScope('req-3', deadline.signal), () =>
        p.execute('works.byId', async () => {
          calls += 1;
          return 1;
        }),
      ),
    );
    expect(err).toBe(reason);
    expect((err as RequestTimeoutError).extensions).toMatchObject({ code: 'REQUEST_TIMEOUT', timeoutMs: 100 });
    expect(calls).toBe(0);
  });

  it('gives up a call still queued in the bulkhead when the deadline passes', async () => {
    const p = policy('postgres', { maxConcurrentCalls: 1, maxQueuedCalls: 5 });
    const held = gate();
    const running = p.execute('works.byId', () => held.promise);
    const deadline = new AbortController();
    let queuedRan = false;
    const queued = runInRequestScope(new RequestScope('req-4', deadline.signal), () =>
      p.execute('works.byId', async () => {
        queuedRan = true;
      }),
    );
    const reason = new RequestTimeoutError(10);
    deadline.abort(reason);
    await expect(queued).rejects.toBe(reason);
    held.open();
    await running;
    await new Promise((resolve) => setImmediate(resolve));
    expect(queuedRan).toBe(false);
  });
});
