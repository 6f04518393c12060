import type { StoreName } from '../../src/core/StoreName';
import type { RebuildMarks } from '../../datasources/writes/RebuildMarks';

/**
 * Rebuild marks in memory: `reads` counts `marked()` calls; while `failing` is set, every call rejects with it.
 * `log` (when given) gets `mark <store>` and `clear <store>` as they happen, beside what else a test records there.
 */
export class FakeRebuildMarks implements RebuildMarks {
  readonly set = new Set<StoreName>();
  reads = 0;
  failing: Error | undefined;

  constructor(private readonly log: string[] = []) {}

  async mark(store: StoreName): Promise<void> {
    if (this.failing) throw this.failing;
    this.log.push(`mark ${store}`);
    this.set.add(store);
  }

  async clear(store: StoreName): Promise<void> {
    if (this.failing) throw this.failing;
    this.log.push(`clear ${store}`);
    this.set.delete(store);
  }

  async marked(): Promise<Set<StoreName>> {
    this.reads++;
    if (this.failing) throw this.failing;
    return new Set(this.set);
  }
}

/** A clock the test moves by hand. */
export function manualClock(): { now: () => number; advance: (ms: number) => void } {
  let t = 0;
  return { now: () => t, advance: (ms) => (t += ms) };
}
