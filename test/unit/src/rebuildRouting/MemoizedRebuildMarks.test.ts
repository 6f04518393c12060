import { MemoizedRebuildMarks } from '../../../../src/rebuildRouting/MemoizedRebuildMarks';
import type { RebuildMarks } from '../../../../datasources/writes/RebuildMarks';
import { capturingLogger, flush } from '../../../support/capturingLogger';
import { FakeRebuildMarks, manualClock } from '../../../support/FakeRebuildMarks';

function setUp() {
  const marks = new FakeRebuildMarks();
  const clock = manualClock();
  const { logger, lines } = capturingLogger();
  const memo = new MemoizedRebuildMarks(marks, logger, { ttlMs: 1_000, now: clock.now });
  return { marks, clock, lines, memo };
}

describe('MemoizedRebuildMarks', () => {
  it('reads the marks at most once per TTL: a mark made meanwhile is seen once the TTL has passed', async () => {
    const { marks, clock, memo } = setUp();
    expect(await memo.has('neo4j')).toBe(false);
    await marks.mark('neo4j');
    clock.advance(999);
    expect(await memo.has('neo4j')).toBe(false);
    expect(marks.reads).toBe(1);
    clock.advance(1);
    expect(await memo.has('neo4j')).toBe(true);
    expect(await memo.has('influxdb')).toBe(false);
    expect(marks.reads).toBe(2);
  });

  it('shares one read among the callers that wait for it', async () => {
    const { marks, memo } = setUp();
    await marks.mark('influxdb');
    const answers = await Promise.all([memo.has('influxdb'), memo.has('neo4j'), memo.has('influxdb')]);
    expect(answers).toEqual([true, false, true]);
    expect(marks.reads).toBe(1);
  });

  it('counts the TTL from the start of a read, so a slow read cannot stretch how long old marks answer', async () => {
    const { marks, clock, lines } = setUp();
    const slow: RebuildMarks = {
      mark: (store) => marks.mark(store),
      clear: (store) => marks.clear(store),
      marked: async () => {
        const answer = await marks.marked();
        clock.advance(900); // the read took 900 ms; a mark written during it may be missing
        return answer;
      },
    };
    const memo = new MemoizedRebuildMarks(slow, capturingLogger().logger, { ttlMs: 1_000, now: clock.now });
    expect(await memo.has('neo4j')).toBe(false);
    await marks.mark('neo4j');
    clock.advance(100); // 1,000 ms after the read started
    expect(await memo.has('neo4j')).toBe(true);
    expect(lines).toEqual([]);
  });

  it('keeps the last known marks when a read fails, logs it, and tries again only after the TTL', async () => {
    const { marks, clock, lines, memo } = setUp();
    await marks.mark('neo4j');
    expect(await memo.has('neo4j')).toBe(true);
    await marks.clear('neo4j');
    marks.failing = new Error('connection refused');
    clock.advance(1_000);
    expect(await memo.has('neo4j')).toBe(true);
    expect(await memo.has('neo4j')).toBe(true);
    expect(marks.reads).toBe(2);
    await flush();
    expect(lines).toEqual([expect.objectContaining({ level: 40, err: 'connection refused', marked: ['neo4j'], msg: expect.stringContaining('keeping the last known') })]);
    marks.failing = undefined;
    clock.advance(1_000);
    expect(await memo.has('neo4j')).toBe(false);
    expect(marks.reads).toBe(3);
  });

  it('knows no mark when the first read fails', async () => {
    const { marks, memo } = setUp();
    await marks.mark('neo4j');
    marks.failing = new Error('down');
    expect(await memo.has('neo4j')).toBe(false);
  });
});
