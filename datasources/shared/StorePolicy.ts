import {
  bulkhead,
  circuitBreaker,
  CircuitState,
  ConsecutiveBreaker,
  ExponentialBackoff,
  handleWhen,
  isBrokenCircuitError,
  isBulkheadRejectedError,
  type IPolicy,
  retry,
  TaskCancelledError,
  timeout,
  TimeoutStrategy,
  wrap,
} from 'cockatiel';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { StoreUnavailableError } from '../../src/core/errors';
import { gatewayMetrics, type GatewayMetrics } from '../../src/core/metrics';
import { currentRequestScope } from '../../src/core/requestScope';
import type { BreakerState } from '../../src/core/BreakerState';
import { raceAbort, RequestAbortedError } from './raceAbort';
import { assertNever } from '../../src/core/assertNever';
import { errorMessage } from '../../src/core/errorMessage';
import { tracer } from '../../src/core/tracer';
import type { StoreName } from '../../src/core/StoreName';



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
  /** Bulkhead: calls running at once through this policy; more wait in its queue. */
  readonly maxConcurrentCalls: number;
  /** Bulkhead: calls waiting for a slot; a call finding the queue full fails at once as UPSTREAM_UNAVAILABLE. */
  readonly maxQueuedCalls: number;
  /** Where calls, durations and the breaker state are recorded (default: the process-wide metrics). */
  readonly metrics?: GatewayMetrics;
}

/** How a call through the policy ended, as the `outcome` label of gateway_datasource_calls_total. */
export type StoreCallOutcome = 'success' | 'error' | 'unavailable' | 'timeout' | 'circuit_open' | 'rejected' | 'cancelled';

export const DEFAULT_STORE_POLICY: StorePolicyOptions = {
  timeoutMs: 5_000,
  maxAttempts: 3,
  initialBackoffMs: 50,
  maxBackoffMs: 1_000,
  breakerThreshold: 5,
  halfOpenAfterMs: 10_000,
  maxConcurrentCalls: 32,
  maxQueuedCalls: 128,
};

/**
 * The one cockatiel policy every call to a store goes through: a bulkhead (bounded concurrent calls and
 * queue) around retry (exponential backoff, transient errors only) around a circuit breaker around a
 * per-attempt timeout. Transient failures, timeouts, an open breaker and a full bulkhead surface as
 * `StoreUnavailableError` naming the store; other errors (a bad query, a constraint) pass through
 * unchanged and are never retried. Inside an HTTP request, a call also ends when the request's deadline
 * passes (with the deadline's error; it neither retries nor counts towards the breaker), and it is counted
 * in the request's store calls. Every call is recorded in the metrics by store, operation and outcome.
 */
export class StorePolicy {
  private readonly policy: IPolicy;
  private readonly breaker;
  private readonly metrics: GatewayMetrics;
  private readonly limits: { readonly running: number; readonly queued: number };

  constructor(
    readonly store: StoreName,
    private readonly isTransient: (err: unknown) => boolean,
    options: Partial<StorePolicyOptions> = {},
  ) {
    const o = { ...DEFAULT_STORE_POLICY, ...options };
    this.metrics = o.metrics ?? gatewayMetrics;
    this.limits = { running: o.maxConcurrentCalls, queued: o.maxQueuedCalls };
    const transient = handleWhen((err) => !(err instanceof RequestAbortedError) && (isTaskCancelledError(err) || this.isTransient(err)));
    this.breaker = circuitBreaker(transient, {
      halfOpenAfter: o.halfOpenAfterMs,
      breaker: new ConsecutiveBreaker(o.breakerThreshold),
    });
    const retries = retry(
      handleWhen((err) => !isBrokenCircuitError(err) && !(err instanceof RequestAbortedError) && (isTaskCancelledError(err) || this.isTransient(err))),
      {
        maxAttempts: o.maxAttempts - 1,
        backoff: new ExponentialBackoff({ initialDelay: o.initialBackoffMs, maxDelay: o.maxBackoffMs }),
      },
    );
    // The bulkhead is outermost: a call holds one slot across its retries, and a rejection is never retried.
    // A call's signal aborts when its attempt times out, not when it returns: by then every listener a datasource
    // added is removed again, and aborting would build a DOMException (a stack trace) for every store call.
    const perAttempt = timeout(o.timeoutMs, { strategy: TimeoutStrategy.Aggressive, abortOnReturn: false });
    this.policy = wrap(bulkhead(o.maxConcurrentCalls, o.maxQueuedCalls), retries, this.breaker, perAttempt);
    this.metrics.trackBreaker(this);
  }

  /** The breaker's state, for health reports. */
  get circuitState(): CircuitState {
    return this.breaker.state;
  }

  /** The breaker's state as /ready and gateway_circuit_breaker_state report it. */
  get breakerState(): BreakerState {
    return breakerStateOf(this.breaker.state);
  }

  /** Runs `fn` under the policy; `operation` names the call in errors and metrics (keep it a fixed string). */
  execute<T>(operation: string, fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
    // One CLIENT span per call, retries included (a no-op unless tracing is on: src/observability/tracing.ts).
    return tracer.startActiveSpan(
      `${this.store} ${operation}`,
      { kind: SpanKind.CLIENT, attributes: { 'gateway.store': this.store, 'gateway.operation': operation } },
      async (span) => {
        try {
          return await this.run(operation, fn);
        } catch (err) {
          span.setStatus({ code: SpanStatusCode.ERROR, message: errorMessage(err) });
          throw err;
        } finally {
          span.end();
        }
      },
    );
  }

  private async run<T>(operation: string, fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const scope = currentRequestScope();
    scope?.countStoreCall(this.store);
    const requestSignal = scope?.signal;
    const endTimer = this.metrics.datasourceCallDuration.startTimer({ store: this.store, operation });
    let outcome: StoreCallOutcome = 'success';
    try {
      // A call still waiting in the bulkhead's queue gives up as soon as the request is cancelled, too.
      return await raceAbort(
        this.policy.execute(({ signal }) => attempt(operation, fn, signal, requestSignal)),
        requestSignal,
      );
    } catch (err) {
      const failure = this.failure(operation, err);
      outcome = failure.outcome;
      throw failure.error;
    } finally {
      endTimer();
      this.metrics.datasourceCalls.inc({ store: this.store, operation, outcome });
    }
  }

  /** What a failed call throws, and its outcome label. */
  private failure(operation: string, err: unknown): { error: unknown; outcome: StoreCallOutcome } {
    if (err instanceof RequestAbortedError) return { error: err.reason, outcome: 'cancelled' };
    if (isBulkheadRejectedError(err)) {
      const reason = `too many concurrent calls (${this.limits.running} running, ${this.limits.queued} queued)`;
      return { error: new StoreUnavailableError(this.store, reason, err), outcome: 'rejected' };
    }
    if (isBrokenCircuitError(err)) return { error: new StoreUnavailableError(this.store, 'circuit breaker is open', err), outcome: 'circuit_open' };
    if (isTaskCancelledError(err)) return { error: new StoreUnavailableError(this.store, `${operation} timed out`, err), outcome: 'timeout' };
    if (this.isTransient(err)) {
      return { error: new StoreUnavailableError(this.store, `${operation} failed: ${describe(err)}`, err), outcome: 'unavailable' };
    }
    return { error: err, outcome: 'error' };
  }
}

/**
 * One attempt of a call. A call that honours the abort signal rejects with its own error when the attempt
 * times out; that is reported as the timeout it is. Within a request, the call's signal also aborts at the
 * request's deadline, and the attempt then ends at once with RequestAbortedError (never retried, never a
 * breaker failure: the store is not to blame for the request's deadline).
 */
function attempt<T>(operation: string, fn: (signal: AbortSignal) => Promise<T>, signal: AbortSignal, requestSignal: AbortSignal | undefined): Promise<T> {
  if (requestSignal?.aborted) return Promise.reject(new RequestAbortedError(requestSignal.reason));
  const callSignal = requestSignal ? AbortSignal.any([signal, requestSignal]) : signal;
  return raceAbort(fn(callSignal), requestSignal).catch((err: unknown) => {
    if (requestSignal?.aborted) throw err instanceof RequestAbortedError ? err : new RequestAbortedError(requestSignal.reason);
    throw signal.aborted ? new TaskCancelledError(`${operation} timed out`) : err;
  });
}

function breakerStateOf(state: CircuitState): BreakerState {
  switch (state) {
    case CircuitState.Closed:
      return 'closed';
    case CircuitState.HalfOpen:
      return 'half-open';
    case CircuitState.Open:
    case CircuitState.Isolated:
      return 'open';
    default:
      return assertNever(state);
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
