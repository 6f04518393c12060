import {
  circuitBreaker,
  ConsecutiveBreaker,
  ExponentialBackoff,
  handleWhen,
  isBrokenCircuitError,
  type IPolicy,
  retry,
  TaskCancelledError,
  timeout,
  TimeoutStrategy,
  wrap,
  type CircuitState,
} from 'cockatiel';
import { UpstreamUnavailableError, type StoreName } from '../../src/errors';

/** Tuning of one store's resilience policy. */
export interface StorePolicyOptions {
  /** Per-attempt timeout. */
  readonly timeoutMs: number;
  /** Attempts in all (1 = no retry). Only transient errors are retried. */
  readonly maxAttempts: number;
  readonly initialBackoffMs: number;
  readonly maxBackoffMs: number;
  /** Consecutive transient failures that open the breaker. */
  readonly breakerThreshold: number;
  /** How long an open breaker waits before letting one call through (half-open). */
  readonly halfOpenAfterMs: number;
}

export const DEFAULT_STORE_POLICY: StorePolicyOptions = {
  timeoutMs: 5_000,
  maxAttempts: 3,
  initialBackoffMs: 50,
  maxBackoffMs: 1_000,
  breakerThreshold: 5,
  halfOpenAfterMs: 10_000,
};

/**
 * The one cockatiel policy every call to a store goes through: retry (exponential backoff, transient
 * errors only) around a circuit breaker around a per-attempt timeout. Transient failures, timeouts and an
 * open breaker surface as `UpstreamUnavailableError` naming the store; other errors (a bad query, a
 * constraint) pass through unchanged and are never retried.
 */
export class StorePolicy {
  private readonly policy: IPolicy;
  private readonly breaker;

  constructor(
    readonly store: StoreName,
    private readonly isTransient: (err: unknown) => boolean,
    options: Partial<StorePolicyOptions> = {},
  ) {
    const o = { ...DEFAULT_STORE_POLICY, ...options };
    const transient = handleWhen((err) => isTaskCancelledError(err) || this.isTransient(err));
    this.breaker = circuitBreaker(transient, {
      halfOpenAfter: o.halfOpenAfterMs,
      breaker: new ConsecutiveBreaker(o.breakerThreshold),
    });
    const retries = retry(handleWhen((err) => !isBrokenCircuitError(err) && (isTaskCancelledError(err) || this.isTransient(err))), {
      maxAttempts: o.maxAttempts - 1,
      backoff: new ExponentialBackoff({ initialDelay: o.initialBackoffMs, maxDelay: o.maxBackoffMs }),
    });
    this.policy = wrap(retries, this.breaker, timeout(o.timeoutMs, TimeoutStrategy.Aggressive));
  }

  /** The breaker's state, for health reports. */
  get circuitState(): CircuitState {
    return this.breaker.state;
  }

  /** Runs `fn` under the policy; `operation` names the call in errors. */
  async execute<T>(operation: string, fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
    try {
      return await this.policy.execute(({ signal }) =>
        // A call that honours the abort signal rejects with its own error when the attempt times out;
        // report it as the timeout it is.
        fn(signal).catch((err: unknown) => {
          throw signal.aborted ? new TaskCancelledError(`${operation} timed out`) : err;
        }),
      );
    } catch (err) {
      if (isBrokenCircuitError(err)) throw new UpstreamUnavailableError(this.store, 'circuit breaker is open', err);
      if (isTaskCancelledError(err)) throw new UpstreamUnavailableError(this.store, `${operation} timed out`, err);
      if (this.isTransient(err)) throw new UpstreamUnavailableError(this.store, `${operation} failed: ${describe(err)}`, err);
      throw err;
    }
  }
}

/**
 * cockatiel 3.2's own `isTaskCancelledError` checks the wrong marker property and answers false for the
 * TaskCancelledError its timeout throws, so timeouts are recognised by class here.
 */
function isTaskCancelledError(err: unknown): boolean {
  return err instanceof TaskCancelledError;
}

function describe(err: unknown): string {
  if (err instanceof Error) return err.message || err.name;
  return String(err);
}
