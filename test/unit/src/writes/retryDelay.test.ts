import { retryDelayMs } from '../../../../src/writes/retryDelay';

const fixed = (value: number) => () => value;

describe('retryDelayMs', () => {
  it('doubles the ceiling with each attempt, starting at initialMs', () => {
    expect([1, 2, 3, 4, 5].map((attempt) => retryDelayMs(attempt, 100, 1_000_000, fixed(1)))).toEqual([100, 200, 400, 800, 1600]);
  });

  it('jitters over the upper half of the ceiling: random 0 gives half, random near 1 the ceiling', () => {
    expect(retryDelayMs(3, 100, 1_000_000, fixed(0))).toBe(200);
    expect(retryDelayMs(3, 100, 1_000_000, fixed(0.5))).toBe(300);
    expect(retryDelayMs(3, 100, 1_000_000, fixed(0.999999))).toBe(400);
  });

  it('gives records failing together different delays when the random draws differ', () => {
    const delays = [0.1, 0.4, 0.7].map((r) => retryDelayMs(4, 500, 60_000, fixed(r)));
    expect(new Set(delays).size).toBe(3);
    expect([...delays].sort((a, b) => a - b)).toEqual(delays);
  });

  it('caps the ceiling at maxMs', () => {
    expect(retryDelayMs(10, 500, 60_000, fixed(0.999999))).toBe(60_000);
    expect(retryDelayMs(10, 500, 60_000, fixed(0))).toBe(30_000);
  });

  it('stays finite and capped for attempt counts far beyond any configuration', () => {
    expect(retryDelayMs(5_000, 500, 60_000, fixed(0.999999))).toBe(60_000);
    expect(retryDelayMs(Number.MAX_SAFE_INTEGER, 500, 60_000, fixed(0))).toBe(30_000);
  });

  it('treats attempt 0 and below like the first attempt', () => {
    expect(retryDelayMs(0, 100, 10_000, fixed(1))).toBe(100);
    expect(retryDelayMs(-3, 100, 10_000, fixed(1))).toBe(100);
  });

  it('answers whole milliseconds', () => {
    expect(retryDelayMs(1, 3, 10_000, fixed(0.5))).toBe(2);
    expect(Number.isInteger(retryDelayMs(2, 7, 10_000, fixed(0.123)))).toBe(true);
  });

  it('uses Math.random by default and stays within [ceiling / 2, ceiling]', () => {
    for (let i = 0; i < 200; i++) {
      const delay = retryDelayMs(2, 1_000, 60_000);
      expect(delay).toBeGreaterThanOrEqual(1_000);
      expect(delay).toBeLessThanOrEqual(2_000);
    }
  });
});
