/** Which line a task waits in: `cheap` tasks (a request estimated to cost little) go before `normal` ones. */
export type Lane = 'cheap' | 'normal';

type Waiting = Map<string, (() => Promise<void>)[]>;

/**
 * Runs tasks one at a time, taking turns between the keys that have some waiting: after one task of a key runs,
 * that key goes to the back of its line, and the event loop runs before the next task. Keys in the `cheap` line go
 * before those in the `normal` line. For a store that executes one statement at a time (embedded PGlite), this keeps
 * a request that queued many statements (a page of 200 works with their trends) from making another wait for all of
 * them: a cheap request waits for at most the statement running now.
 */
export class FairQueue {
  /** Waiting tasks per key, per line; keys in turn order (a Map keeps insertion order). */
  private readonly lines: Record<Lane, Waiting> = { cheap: new Map(), normal: new Map() };
  private running = false;

  /** Queues `task` under `key` in `lane`; settles as the task does. */
  run<T>(key: string, task: () => Promise<T>, lane: Lane = 'normal'): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const line = this.lines[lane];
      const queue = line.get(key);
      const entry = () => Promise.resolve().then(task).then(resolve, reject);
      if (queue) queue.push(entry);
      else line.set(key, [entry]);
      void this.pump();
    });
  }

  /** Tasks waiting now (the running one excluded). */
  get size(): number {
    let n = 0;
    for (const line of Object.values(this.lines)) for (const queue of line.values()) n += queue.length;
    return n;
  }

  private async pump(): Promise<void> {
    if (this.running) return;
    this.running = true;
    let last: string | undefined;
    try {
      for (let next = this.next(last); next !== undefined; next = this.next(last)) {
        const [line, key] = next;
        const queue = line.get(key) as (() => Promise<void>)[];
        const task = queue.shift() as () => Promise<void>;
        // To the back of its line, if it has more.
        line.delete(key);
        if (queue.length > 0) line.set(key, queue);
        last = key;
        await task();
        // A store in this process (PGlite) settles its statements without a trip through the event loop: without
        // this, a long line of statements would run as one chain and hold every socket (and /health) until it ends.
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    } finally {
      this.running = false;
    }
  }

  /** The first key of the first line with one, passing over the key just served while another one waits there. */
  private next(last: string | undefined): [Waiting, string] | undefined {
    for (const line of [this.lines.cheap, this.lines.normal]) {
      let fallback: string | undefined;
      for (const key of line.keys()) {
        if (key !== last) return [line, key];
        fallback = key;
      }
      if (fallback !== undefined) return [line, fallback];
    }
    return undefined;
  }
}
