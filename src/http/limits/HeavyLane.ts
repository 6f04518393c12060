/**
 * The few places where requests whose responses are large may execute and serialize at the same time. A request
 * takes a place once its response grows past a threshold (RequestBudget), keeps it until its response is sent, and
 * waits in line (first come, first served) while none is free. Cheap requests never take one, so however many large
 * answers are asked for at once, the event loop only ever interleaves a few of them with the cheap requests, and
 * the memory those large answers hold is bounded by the places times the response limit.
 */
export class HeavyLane {
  private busy = 0;
  private readonly line: (() => void)[] = [];

  constructor(readonly places: number) {}

  /** Places taken now. */
  get taken(): number {
    return this.busy;
  }

  /** Requests waiting for a place now. */
  get waiting(): number {
    return this.line.length;
  }

  /** Resolves with a release function once a place is this caller's; rejects with `signal`'s reason if it aborts first. */
  enter(signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.busy < this.places) {
      this.busy += 1;
      return Promise.resolve(this.releaser());
    }
    return new Promise((resolve, reject) => {
      const admit = () => {
        signal?.removeEventListener('abort', onAbort);
        this.busy += 1;
        resolve(this.releaser());
      };
      const onAbort = () => {
        const at = this.line.indexOf(admit);
        if (at >= 0) this.line.splice(at, 1);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.line.push(admit);
    });
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.busy -= 1;
      this.line.shift()?.();
    };
  }
}
