import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * What one HTTP request carries through everything it calls, resolvers and datasources included, without
 * passing it along: its id, its deadline (`signal`, aborted with the error to answer when it passes), the
 * store calls it made, and what GraphQL learnt about it (for the request log line and the metrics).
 */
export class RequestScope {
  /** Logical store calls (retries not counted again) per store, in the order first called. */
  readonly storeCalls: Record<string, number> = {};
  /** Set once Apollo Server handles the request. */
  graphql = false;
  /** The operation's name as metrics label: see OperationLabels (`other` for names without a label). */
  operation: string | undefined;
  /** The estimated cost (objects) of the request's operations admitted so far: a store may serve cheap requests first. */
  estimatedCost = 0;
  /** The operation's name itself (cut at 100 characters), for the log line: logs are not bounded by labels. */
  operationName: string | undefined;
  /** `extensions.code` of every error in the response, in order. */
  readonly errorCodes: string[] = [];
  /** What made Apollo fail unexpectedly while processing the request (it answers a generic error): the cause to log. */
  unexpectedError: unknown;
  /** When the request arrived (process.hrtime.bigint()). */
  readonly startedAt = process.hrtime.bigint();
  private finishers: (() => void)[] | undefined = [];

  constructor(
    readonly requestId: string,
    /** Aborted when the request's deadline passes; its reason is the error store calls then fail with. */
    readonly signal: AbortSignal,
  ) {}

  /** Seconds since the request arrived. */
  elapsedSeconds(): number {
    return Number(process.hrtime.bigint() - this.startedAt) / 1e9;
  }

  countStoreCall(store: string): void {
    this.storeCalls[store] = (this.storeCalls[store] ?? 0) + 1;
  }

  /** Runs `fn` once the response has been sent or the connection closed (at once if that already happened). */
  onFinish(fn: () => void): void {
    if (this.finishers) this.finishers.push(fn);
    else fn();
  }

  /** The response was sent or the connection closed: runs what `onFinish` registered (once). */
  finish(): void {
    const finishers = this.finishers ?? [];
    this.finishers = undefined;
    for (const fn of finishers) fn();
  }
}

const storage = new AsyncLocalStorage<RequestScope>();

/** Runs `fn` (and everything asynchronous it starts) inside `scope`. */
export function runInRequestScope<T>(scope: RequestScope, fn: () => T): T {
  return storage.run(scope, fn);
}

/** The scope of the HTTP request being served, or undefined outside one (seeding, start-up, tests). */
export function currentRequestScope(): RequestScope | undefined {
  return storage.getStore();
}
