import { REBUILD_MARKS_TTL_MS, type RebuildMarks } from '../../datasources/writes/RebuildMarks';
import { errorMessage } from '../core/errorMessage';
import type { Logger } from '../core/logger';
import type { StoreName } from '../core/StoreName';

export interface MemoizedRebuildMarksOptions {
  /** Milliseconds a read answers for, from its start (default REBUILD_MARKS_TTL_MS: what a rebuild's settle delay waits out). */
  readonly ttlMs?: number;
  /** The clock (tests move it). */
  readonly now?: () => number;
}

/**
 * The rebuild marks as this process last read them: read again at most once per `ttlMs` (one read at a time, shared
 * by the callers waiting for it). A read that fails keeps the marks last known (none before the first read), is
 * logged, and is tried again `ttlMs` later.
 */
export class MemoizedRebuildMarks {
  private known: ReadonlySet<StoreName> = new Set();
  private freshUntil = Number.NEGATIVE_INFINITY;
  private reading: Promise<ReadonlySet<StoreName>> | undefined;
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(
    private readonly marks: RebuildMarks,
    private readonly logger: Logger,
    options: MemoizedRebuildMarksOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? REBUILD_MARKS_TTL_MS;
    this.now = options.now ?? Date.now;
  }

  /** Whether `store` is marked, read again when the last read is older than the TTL. */
  async has(store: StoreName): Promise<boolean> {
    return (await this.current()).has(store);
  }

  private current(): ReadonlySet<StoreName> | Promise<ReadonlySet<StoreName>> {
    if (this.now() < this.freshUntil) return this.known;
    this.reading ??= this.read().finally(() => {
      this.reading = undefined;
    });
    return this.reading;
  }

  private async read(): Promise<ReadonlySet<StoreName>> {
    // From the read's start: a mark written after it began may be missing from its answer.
    const started = this.now();
    try {
      this.known = await this.marks.marked();
    } catch (err) {
      this.logger.warn({ err: errorMessage(err), marked: [...this.known] }, 'could not read the projection rebuild marks: keeping the last known');
    }
    this.freshUntil = started + this.ttlMs;
    return this.known;
  }
}
