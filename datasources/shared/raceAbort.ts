/** A call given up because its request was cancelled (its deadline passed); `reason` is the signal's. */
export class RequestAbortedError extends Error {
  constructor(readonly reason: unknown) {
    super('the request was cancelled');
    this.name = 'RequestAbortedError';
  }
}

/**
 * Settles like `promise`, or rejects with RequestAbortedError as soon as `signal` aborts (at once if it
 * already has). The abandoned promise's eventual rejection is swallowed, never left unhandled.
 */
export function raceAbort<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  promise.catch(() => undefined);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new RequestAbortedError(signal.reason));
    if (signal.aborted) {
      onAbort();
      return;
    }
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (err: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(err);
      },
    );
  });
}
