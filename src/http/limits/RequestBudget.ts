import { RequestTimeoutError, ResponseTooLargeError } from '../../core/errors';
import type { HeavyLane } from './HeavyLane';

/** Fields resolved in one turn of the event loop, at most (see `RequestBudget.mustWait`). */
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
 * (src/http/limits/responseBudgetPlugin.ts).
 *
 * It also paces execution. graphql-js goes on with a resolver's siblings and list items whatever that resolver
 * answers, so a large answer resolving from cached data would run as one long task. Once a turn has resolved
 * YIELD_EVERY_FIELDS fields — or while the request waits for a place in the heavy lane — `mustWait` is true and the
 * fields that come next are `defer`red: queued, and run (each once, in order) on later turns of the event loop, a
 * turn's worth at a time, so cheap requests and /health get their turns in between.
 */
export class RequestBudget {
  private bytes = 0;
  private fieldsThisTurn = 0;
  private cost = 0;
  private error: ResponseTooLargeError | RequestTimeoutError | undefined;
  private place: Promise<void> | undefined;
  private waitingForPlace = false;
  private turnOver = false;
  private turnScheduled = false;
  /** Deferred fields, in order; `next` is the first not yet run (an index: shift() on a long array is linear). */
  private deferred: (() => void)[] = [];
  private next = 0;

  constructor(private readonly options: RequestBudgetOptions) {}

  get maxBytes(): number {
    return this.options.maxBytes;
  }

  /**
   * The error that ended execution early, if any — a deadline that passed counts even if no field noticed it (its
   * store calls failed with it instead).
   */
  get failure(): ResponseTooLargeError | RequestTimeoutError | undefined {
    const deadline = this.options.deadline;
    if (!this.error && deadline?.aborted) this.error = timeoutOf(deadline.reason);
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

  /** True while fields must wait for a later turn (`defer`): this turn's share is used up, or a heavy place is awaited. */
  get mustWait(): boolean {
    return this.turnOver || this.waitingForPlace;
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
    if (this.place === undefined) {
      this.place = this.takePlace(heavy);
      this.place.catch(() => undefined);
    }
    await this.place;
  }

  /** Throws if the budget ran out before (or the deadline passed): call before resolving a field. */
  check(): void {
    if (this.error) throw this.error;
    const deadline = this.options.deadline;
    if (deadline?.aborted) throw (this.error = timeoutOf(deadline.reason));
  }

  /** Runs `run` on a later turn of the event loop (in the order deferred), settling with what it answers. */
  defer<T>(run: () => T): Promise<Awaited<T>> {
    return new Promise<Awaited<T>>((resolve, reject) => {
      this.deferred.push(() => {
        try {
          resolve(run() as Awaited<T>);
        } catch (err) {
          reject(err);
        }
      });
      this.scheduleTurn();
    });
  }

  /**
   * Adds `bytes` to the response; throws ResponseTooLargeError once the total passes `maxBytes`. Ends this turn's
   * share after YIELD_EVERY_FIELDS fields, and starts waiting for a heavy place once the response becomes heavy.
   */
  charge(bytes: number): void {
    this.bytes += bytes;
    if (this.bytes > this.options.maxBytes) {
      this.error ??= new ResponseTooLargeError(this.options.maxBytes);
      throw this.error;
    }
    const heavy = this.options.heavy;
    if (heavy && this.place === undefined && this.bytes > heavy.thresholdBytes) {
      this.place = this.takePlace(heavy);
      // Nobody awaits it here: a deadline passing while it waits is seen by the fields through `failure`.
      this.place.catch(() => undefined);
    }
    if (++this.fieldsThisTurn >= YIELD_EVERY_FIELDS && !this.turnOver) {
      this.turnOver = true;
      this.scheduleTurn();
    }
  }

  /** On the next turn of the event loop: a fresh share, and the deferred fields run until it is used up. */
  private scheduleTurn(): void {
    if (this.turnScheduled) return;
    this.turnScheduled = true;
    setImmediate(() => {
      this.turnScheduled = false;
      if (this.waitingForPlace) return; // takePlace runs a turn once it has the place
      this.turnOver = false;
      this.fieldsThisTurn = 0;
      while (this.next < this.deferred.length && !this.mustWait) (this.deferred[this.next++] as () => void)();
      if (this.next === this.deferred.length) {
        this.deferred = [];
        this.next = 0;
      } else this.scheduleTurn();
    });
  }

  private async takePlace(heavy: NonNullable<RequestBudgetOptions['heavy']>): Promise<void> {
    this.waitingForPlace = true;
    try {
      const release = await heavy.lane.enter(this.options.deadline);
      heavy.end.onFinish(release);
    } catch (err) {
      this.error ??= timeoutOf(err);
      throw this.error;
    } finally {
      this.waitingForPlace = false;
      this.scheduleTurn();
    }
  }
}

function timeoutOf(reason: unknown): RequestTimeoutError {
  return reason instanceof RequestTimeoutError ? reason : new RequestTimeoutError(0);
}
