import { CircuitState } from 'cockatiel';

import { StorePolicy, type StorePolicyOptions } from '../../../../datasources/shared/StorePolicy';
import { ErrorCode, StoreUnavailableError } from '../../../../src/core/errors';

/** An error the test's isTransient recognises (like ECONNREFUSED would be for a real store). */
class FlakyError extends Error {
  constructor(message = 'connection refused') {
    super(message);
    this.name = 'FlakyError';
  }
}

/** An error that is not transient (like a syntax error or a constraint violation). */
class QueryError extends Error {
  constructor(message = 'syntax error at or near "SELEC"') {
    super(message);
    this.name = 'QueryError';
  }
}

const isFlaky = (err: unknown): boolean => err instanceof FlakyError;

const SMALL: Partial<StorePolicyOptions> = {
  timeoutMs: 50,
  maxAttempts: 3,
  initialBackoffMs: 1,
  maxBackoffMs: 2,
  breakerThreshold: 100,
  halfOpenAfterMs: 100,
};

/** A fake store call that counts its invocations and runs `behaviour` for each (1-based attempt number). */
function countingFn<T>(behaviour: (attempt: number, signal: AbortSignal) => Promise<T>) {
  const fn = Object.assign(
    async (signal: AbortSignal): Promise<T> => {
      fn.calls += 1;
      fn.signals.push(signal);
      return behaviour(fn.calls, signal);
    },
    { calls: 0, signals: [] as AbortSignal[] },
  );
  return fn;
}

/** Resolves after `ms` unless `signal` aborts first (then rejects), clearing its timer either way. */
function slow<T>(ms: number, value: T, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => resolve(value), ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(new Error('aborted'));
    });
  });
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  throw new Error('expected the promise to reject');
}

describe('StorePolicy: success and retries', () => {
  it('returns the value of a call that succeeds, after one attempt', async () => {
    const policy = new StorePolicy('postgres', isFlaky, SMALL);
    const fn = countingFn(async () => 42);
    await expect(policy.execute('select', fn)).resolves.toBe(42);
    expect(fn.calls).toBe(1);
    expect(policy.circuitState).toBe(CircuitState.Closed);
  });

  it('retries a transient failure and returns the value of the attempt that succeeds', async () => {
    const policy = new StorePolicy('postgres', isFlaky, SMALL);
    const fn = countingFn(async (attempt) => {
      if (attempt < 3) throw new FlakyError();
      return 'ok';
    });
    await expect(policy.execute('select', fn)).resolves.toBe('ok');
    expect(fn.calls).toBe(3);
  });

  it('gives up after maxAttempts transient failures with UPSTREAM_UNAVAILABLE naming the store', async () => {
    const policy = new StorePolicy('neo4j', isFlaky, { ...SMALL, maxAttempts: 3 });
    const cause = new FlakyError('ECONNREFUSED 127.0.0.1:7687');
    const fn = countingFn(async () => {
      throw cause;
    });
    const err = await caught(policy.execute('citations', fn));
    expect(fn.calls).toBe(3);
    expect(err).toBeInstanceOf(StoreUnavailableError);
    const upstream = err as StoreUnavailableError;
    expect(upstream.store).toBe('neo4j');
    expect(upstream.extensions['store']).toBe('neo4j');
    expect(upstream.extensions['code']).toBe('UPSTREAM_UNAVAILABLE');
    expect(upstream.code).toBe(ErrorCode.UpstreamUnavailable);
    expect(upstream.message).toContain('neo4j');
    expect(upstream.message).toContain('citations');
    expect(upstream.message).toContain('ECONNREFUSED 127.0.0.1:7687');
    expect(upstream.cause).toBe(cause);
  });

  it('makes exactly one attempt when maxAttempts is 1', async () => {
    const policy = new StorePolicy('redis', isFlaky, { ...SMALL, maxAttempts: 1 });
    const fn = countingFn(async () => {
      throw new FlakyError();
    });
    await expect(policy.execute('mget', fn)).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(fn.calls).toBe(1);
  });

  it('asks the isTransient function about the error the call threw', async () => {
    const seen: unknown[] = [];
    const policy = new StorePolicy(
      'postgres',
      (err) => {
        seen.push(err);
        return false;
      },
      SMALL,
    );
    const thrown = new QueryError();
    await expect(
      policy.execute('select', async () => {
        throw thrown;
      }),
    ).rejects.toBe(thrown);
    expect(seen).toContain(thrown);
  });
});

describe('StorePolicy: non-transient errors', () => {
  it('throws a non-transient error unchanged after exactly one attempt', async () => {
    const policy = new StorePolicy('postgres', isFlaky, { ...SMALL, maxAttempts: 5 });
    const thrown = new QueryError();
    const fn = countingFn(async () => {
      throw thrown;
    });
    const err = await caught(policy.execute('select', fn));
    expect(err).toBe(thrown);
    expect(err).not.toBeInstanceOf(StoreUnavailableError);
    expect(fn.calls).toBe(1);
  });

  it('never opens the breaker on non-transient errors', async () => {
    const policy = new StorePolicy('postgres', isFlaky, { ...SMALL, maxAttempts: 1, breakerThreshold: 2 });
    for (let i = 0; i < 5; i++) {
      await expect(
        policy.execute('select', async () => {
          throw new QueryError();
        }),
      ).rejects.toBeInstanceOf(QueryError);
    }
    expect(policy.circuitState).toBe(CircuitState.Closed);
    const fn = countingFn(async () => 'still served');
    await expect(policy.execute('select', fn)).resolves.toBe('still served');
    expect(fn.calls).toBe(1);
  });
});

// Regression: cockatiel 3.2.1's isTaskCancelledError misses its own timeout error; StorePolicy checks the class.
describe('StorePolicy: timeouts', () => {
  it('times a slow call out as StoreUnavailableError, aborting its signal', async () => {
    const policy = new StorePolicy('elasticsearch', isFlaky, { ...SMALL, maxAttempts: 1, timeoutMs: 50 });
    const fn = countingFn((_attempt, signal) => slow(2_000, 'too late', signal));
    const started = Date.now();
    const err = await caught(policy.execute('search', fn));
    const elapsed = Date.now() - started;
    expect(err).toBeInstanceOf(StoreUnavailableError);
    const upstream = err as StoreUnavailableError;
    expect(upstream.extensions['store']).toBe('elasticsearch');
    expect(upstream.extensions['code']).toBe('UPSTREAM_UNAVAILABLE');
    expect(upstream.message).toContain('search');
    expect(upstream.message).toMatch(/timed out/);
    expect(elapsed).toBeGreaterThanOrEqual(40);
    expect(elapsed).toBeLessThan(1_000);
    expect(fn.calls).toBe(1);
    expect(fn.signals[0]?.aborted).toBe(true);
  });

  it('retries a timed-out attempt like a transient failure', async () => {
    const policy = new StorePolicy('postgres', isFlaky, { ...SMALL, maxAttempts: 2, timeoutMs: 50 });
    const fn = countingFn((attempt, signal) => (attempt === 1 ? slow(2_000, 'late', signal) : Promise.resolve('fast')));
    await expect(policy.execute('select', fn)).resolves.toBe('fast');
    expect(fn.calls).toBe(2);
  });

  it('lets a call that answers within the timeout through', async () => {
    const policy = new StorePolicy('postgres', isFlaky, { ...SMALL, timeoutMs: 200 });
    const fn = countingFn((_attempt, signal) => slow(5, 'in time', signal));
    await expect(policy.execute('select', fn)).resolves.toBe('in time');
    expect(fn.calls).toBe(1);
  });
});

describe('StorePolicy: circuit breaker', () => {
  const breakerOptions: Partial<StorePolicyOptions> = { ...SMALL, maxAttempts: 1, breakerThreshold: 3, halfOpenAfterMs: 100 };
  const failing = () =>
    countingFn<string>(async () => {
      throw new FlakyError();
    });

  async function tripBreaker(policy: StorePolicy, times: number): Promise<void> {
    for (let i = 0; i < times; i++) {
      await expect(policy.execute('select', failing())).rejects.toBeInstanceOf(StoreUnavailableError);
    }
  }

  it('stays closed below the threshold and opens after breakerThreshold consecutive transient failures', async () => {
    const policy = new StorePolicy('postgres', isFlaky, breakerOptions);
    await tripBreaker(policy, 2);
    expect(policy.circuitState).toBe(CircuitState.Closed);
    await tripBreaker(policy, 1);
    expect(policy.circuitState).toBe(CircuitState.Open);
  });

  it('fails fast while open: fn is not invoked and the error mentions the circuit breaker', async () => {
    const policy = new StorePolicy('postgres', isFlaky, breakerOptions);
    await tripBreaker(policy, 3);
    const fn = countingFn(async () => 'never');
    const err = await caught(policy.execute('select', fn));
    expect(fn.calls).toBe(0);
    expect(err).toBeInstanceOf(StoreUnavailableError);
    const upstream = err as StoreUnavailableError;
    expect(upstream.message).toMatch(/circuit breaker/i);
    expect(upstream.extensions['store']).toBe('postgres');
    expect(upstream.extensions['code']).toBe('UPSTREAM_UNAVAILABLE');
  });

  it('counts only consecutive failures: a success in between resets the count', async () => {
    const policy = new StorePolicy('postgres', isFlaky, breakerOptions);
    await tripBreaker(policy, 2);
    await expect(policy.execute('select', async () => 'ok')).resolves.toBe('ok');
    await tripBreaker(policy, 2);
    expect(policy.circuitState).toBe(CircuitState.Closed);
    await tripBreaker(policy, 1);
    expect(policy.circuitState).toBe(CircuitState.Open);
  });

  it('counts timeouts as transient failures (see the note above the timeout tests)', async () => {
    const policy = new StorePolicy('postgres', isFlaky, { ...breakerOptions, breakerThreshold: 2, timeoutMs: 30 });
    for (let i = 0; i < 2; i++) {
      await expect(policy.execute('select', (signal) => slow(2_000, 'late', signal))).rejects.toBeInstanceOf(StoreUnavailableError);
    }
    expect(policy.circuitState).toBe(CircuitState.Open);
  });

  it('counts each retried attempt, and stops retrying once the breaker opens', async () => {
    const policy = new StorePolicy('postgres', isFlaky, { ...SMALL, maxAttempts: 5, breakerThreshold: 2 });
    const fn = failing();
    const err = await caught(policy.execute('select', fn));
    expect(fn.calls).toBe(2);
    expect(err).toBeInstanceOf(StoreUnavailableError);
    expect((err as Error).message).toMatch(/circuit breaker/i);
    expect(policy.circuitState).toBe(CircuitState.Open);
  });

  it('after halfOpenAfter lets one call through and closes on success', async () => {
    const policy = new StorePolicy('postgres', isFlaky, breakerOptions);
    await tripBreaker(policy, 3);
    expect(policy.circuitState).toBe(CircuitState.Open);
    await sleep(150);
    const fn = countingFn(async () => 'recovered');
    await expect(policy.execute('select', fn)).resolves.toBe('recovered');
    expect(fn.calls).toBe(1);
    expect(policy.circuitState).toBe(CircuitState.Closed);
    const next = countingFn(async () => 'normal again');
    await expect(policy.execute('select', next)).resolves.toBe('normal again');
    expect(next.calls).toBe(1);
  });

  it('reopens when the half-open trial call fails, failing fast again afterwards', async () => {
    const policy = new StorePolicy('postgres', isFlaky, breakerOptions);
    await tripBreaker(policy, 3);
    await sleep(150);
    const trial = failing();
    await expect(policy.execute('select', trial)).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(trial.calls).toBe(1);
    expect(policy.circuitState).toBe(CircuitState.Open);
    const fn = countingFn(async () => 'never');
    await expect(policy.execute('select', fn)).rejects.toThrow(/circuit breaker/i);
    expect(fn.calls).toBe(0);
  });

  it('keeps one breaker per policy instance', async () => {
    const a = new StorePolicy('postgres', isFlaky, breakerOptions);
    const b = new StorePolicy('postgres', isFlaky, breakerOptions);
    await tripBreaker(a, 3);
    expect(a.circuitState).toBe(CircuitState.Open);
    expect(b.circuitState).toBe(CircuitState.Closed);
    await expect(b.execute('select', async () => 1)).resolves.toBe(1);
  });
});
