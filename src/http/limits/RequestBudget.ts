import { RequestTimeoutError, ResponseTooLargeError } from '../../errors';
import type { HeavyLane } from './HeavyLane';

/** Fields resolved between two yields to the event loop (see `RequestBudget.charge`). */
export const YIELD_EVERY_FIELDS = 2_000;

/** Where a budget reports its request's end (the request scope), so a place in the heavy lane is given back. */
export interface RequestEnd {
  onFinish(fn: () => void): void;
}

export interface RequestBudgetOptions {
  /** Largest response, in estimated bytes (GRAPHQL_MAX_RESPONSE_BYTES). */
  readonly maxBytes: number;
  /** The request's deadline (aborted with its RequestTimeoutError), inside an HTTP request. */
  readonly deadline?: AbortSignal;
  /** Told the estimated cost admitted so far (the request scope, which stores read to serve cheap requests first). */
  readonly costSink?: { estimatedCost: number };
  /**
   * Large answers take a place in `lane` once they pass `thresholdBytes`, or before they run when their estimated
   * cost passes `thresholdCost`, until `end` says the response was sent (GRAPHQL_HEAVY_RESPONSE_BYTES,
   * GRAPHQL_HEAVY_COST, GRAPHQL_MAX_HEAVY_OPERATIONS). Without `end`, no lane is used.
   */
  readonly heavy?: { readonly lane: HeavyLane; readonly thresholdBytes: number; readonly thresholdCost: number; readonly end: RequestEnd };
}

/**
 * What one HTTP request may still spend (every operation of a batch shares it): the estimated cost of its
 * operations (`spendCost`, before they run), the bytes of its response, counted as fields resolve, and its deadline.
 * Once the bytes or the time run out, `charge` throws — the same error at every later call, so execution unwinds
 * instead of building the rest — and `failure` holds the error the response is then replaced with
 * (src/http/limits/responseBudgetPlugin.ts). A response growing past the heavy threshold waits for a place in the
 * heavy lane before it goes on.
 */
export class RequestBudget {
  private bytes = 0;
  private fields = 0;
  private cost = 0;
  private error: ResponseTooLargeError | RequestTimeoutError | undefined;
  private place: Promise<void> | undefined;

  constructor(private readonly options: RequestBudgetOptions) {}

  get maxBytes(): number {
    return this.options.maxBytes;
  }

  /** The error that ended execution early, if any. */
  get failure(): ResponseTooLargeError | RequestTimeoutError | undefined {
    return this.error;
  }

  /** Bytes charged so far (an estimate of the JSON response's size). */
  get spent(): number {
    return this.bytes;
  }

  /** The estimated cost of the request's operations admitted so far. */
  get costSpent(): number {
    return this.cost;
  }

  /** Admits an operation of estimated `cost` if the request's total stays within `maxCost`; answers whether it did. */
  spendCost(cost: number, maxCost: number): boolean {
    if (this.cost + cost > maxCost) return false;
    this.cost += cost;
    if (this.options.costSink) this.options.costSink.estimatedCost = this.cost;
    return true;
  }

  /**
   * Before an operation of estimated `cost` runs: when the cost passes the heavy threshold, waits for a place in the
   * heavy lane (once per request: a batch's operations share it), so the data of many expensive operations is not
   * loaded at once. Resolves at once otherwise; rejects with REQUEST_TIMEOUT if the deadline passes while waiting.
   */
  async admit(cost: number): Promise<void> {
    const heavy = this.options.heavy;
    if (!heavy || cost <= heavy.thresholdCost) return;
    await (this.place ??= this.takePlace(heavy));
  }

  /** Throws if the budget ran out before (or the deadline passed): call before resolving a field. */
  check(): void {
    if (this.error) throw this.error;
    const deadline = this.options.deadline;
    if (deadline?.aborted) throw (this.error = timeoutOf(deadline.reason));
  }

  /**
   * Adds `bytes` to the response; throws ResponseTooLargeError once the total passes `maxBytes`. Answers a promise
   * the caller must wait for before going on when it should let the event loop run (every YIELD_EVERY_FIELDS
   * fields), or when the response just became heavy and waits for a place in the heavy lane; else undefined.
   */
  charge(bytes: number): Promise<void> | undefined {
    this.bytes += bytes;
    this.fields += 1;
    if (this.bytes > this.options.maxBytes) {
      this.error ??= new ResponseTooLargeError(this.options.maxBytes);
      throw this.error;
    }
    const heavy = this.options.heavy;
    if (heavy && this.place === undefined && this.bytes > heavy.thresholdBytes) return (this.place = this.takePlace(heavy));
    if (this.fields % YIELD_EVERY_FIELDS === 0) return new Promise<void>((resolve) => setImmediate(resolve));
    return undefined;
  }

  private async takePlace(heavy: NonNullable<RequestBudgetOptions['heavy']>): Promise<void> {
    try {
      const release = await heavy.lane.enter(this.options.deadline);
      heavy.end.onFinish(release);
    } catch (err) {
      this.error ??= timeoutOf(err);
      throw this.error;
    }
  }
}

function timeoutOf(reason: unknown): RequestTimeoutError {
  return reason instanceof RequestTimeoutError ? reason : new RequestTimeoutError(0);
}
