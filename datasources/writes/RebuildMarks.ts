import type { StoreName } from '../../src/core/StoreName';

/**
 * Most milliseconds a reader may keep answering from marks it read earlier (measured from the start of that read):
 * a mark written now is seen by every reader within this long.
 */
export const REBUILD_MARKS_TTL_MS = 1_000;

/** How long a rebuild waits after marking its store before emptying it: longer than any reader keeps old marks. */
export const REBUILD_SETTLE_MS = REBUILD_MARKS_TTL_MS + 100;

/**
 * The projection stores being rebuilt in place, shared by every gateway process (PostgreSQL's `projection_rebuilds`).
 * While a store is marked its readers answer from PostgreSQL instead: the store is partly empty. Marking and clearing
 * are idempotent.
 */
export interface RebuildMarks {
  /** Marks `store` as being rebuilt (again: its start time is renewed). */
  mark(store: StoreName): Promise<void>;
  /** Removes the mark of `store`; a no-op when it has none. */
  clear(store: StoreName): Promise<void>;
  /** Every store marked now. */
  marked(): Promise<Set<StoreName>>;
}
