import type { StoreName } from '../../src/core/StoreName';
import { MemoizedRebuildMarks } from '../../src/rebuildRouting/MemoizedRebuildMarks';
import { RebuildRoute } from '../../src/rebuildRouting/RebuildRoute';
import { capturingLogger } from './capturingLogger';
import { FakeRebuildMarks, manualClock } from './FakeRebuildMarks';

/**
 * A RebuildRoute of `store` between `projection` and `postgres`, over rebuild marks in memory read through a 1 s
 * memo on a clock the test moves: mark or clear `marks`, `clock.advance(1_000)`, and the route reads them again.
 */
export function markedRoute<Backend>(store: StoreName, projection: Backend, postgres: Backend) {
  const marks = new FakeRebuildMarks();
  const clock = manualClock();
  const { logger, lines } = capturingLogger();
  const memo = new MemoizedRebuildMarks(marks, logger, { ttlMs: 1_000, now: clock.now });
  return { marks, clock, lines, route: new RebuildRoute<Backend>(store, memo, projection, postgres, logger) };
}
