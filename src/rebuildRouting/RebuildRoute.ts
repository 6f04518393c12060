import type { Logger } from '../core/logger';
import type { StoreName } from '../core/StoreName';
import type { MemoizedRebuildMarks } from './MemoizedRebuildMarks';

/**
 * Which of two backends of one capability answers now: `projection` (the store's own) unless `store` is marked as
 * being rebuilt in place, then `postgres`. Logs once at each switch, at info level.
 */
export class RebuildRoute<Backend> {
  private marked = false;

  constructor(
    private readonly store: StoreName,
    private readonly marks: MemoizedRebuildMarks,
    private readonly projection: Backend,
    private readonly postgres: Backend,
    private readonly logger: Logger,
  ) {}

  /** The backend to call now, by the marks (read again when older than their TTL). */
  async backend(): Promise<Backend> {
    const marked = await this.marks.has(this.store);
    if (marked !== this.marked) {
      this.marked = marked;
      if (marked) this.logger.info({ store: this.store }, 'projection is being rebuilt in place: PostgreSQL answers for it');
      else this.logger.info({ store: this.store }, 'projection rebuilt: it answers again');
    }
    return marked ? this.postgres : this.projection;
  }

  /** The backend the last call chose (the projection before any). */
  get last(): Backend {
    return this.marked ? this.postgres : this.projection;
  }
}
