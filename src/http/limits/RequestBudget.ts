import { RequestTimeoutError, ResponseTooLargeError } from '../../errors';

/** Fields resolved between two yields to the event loop (see `RequestBudget.shouldYield`). */
export const YIELD_EVERY_FIELDS = 2_000;

/**
 * What one HTTP request may still spend (every operation of a batch shares it): the estimated cost of its
 * operations (`spendCost`, before they run), the bytes of its response, counted as fields resolve, and its deadline.
 * Once the bytes or the time run out, `charge` throws — the same error at every later call, so execution unwinds
 * instead of building the rest — and `failure` holds the error the response is then replaced with
 * (src/http/limits/responseBudgetPlugin.ts).
 */
export class RequestBudget {
  private bytes = 0;
  private fields = 0;
  private cost = 0;
  private error: ResponseTooLargeError | RequestTimeoutError | undefined;

  constructor(
    readonly maxBytes: number,
    /** The request's deadline (aborted with its RequestTimeoutError), if it runs inside a request scope. */
    private readonly deadline?: AbortSignal,
  ) {}

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
    return true;
  }

  /** Throws if the budget ran out before (or the deadline passed): call before resolving a field. */
  check(): void {
    if (this.error) throw this.error;
    if (this.deadline?.aborted) throw (this.error = timeoutOf(this.deadline.reason));
  }

  /** Adds `bytes` to the response; throws ResponseTooLargeError once the total passes `maxBytes`. */
  charge(bytes: number): void {
    this.bytes += bytes;
    this.fields += 1;
    if (this.bytes > this.maxBytes) {
      this.error ??= new ResponseTooLargeError(this.maxBytes);
      throw this.error;
    }
  }

  /**
   * True once every YIELD_EVERY_FIELDS fields: the caller then lets the event loop run before going on, so a large
   * response resolving from cached data cannot hold every other request (and /health) for its whole length.
   */
  shouldYield(): boolean {
    return this.fields % YIELD_EVERY_FIELDS === 0;
  }
}

function timeoutOf(reason: unknown): RequestTimeoutError {
  return reason instanceof RequestTimeoutError ? reason : new RequestTimeoutError(0);
}
