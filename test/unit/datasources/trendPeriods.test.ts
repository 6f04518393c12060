import { answerTrends, periodStart, periodsOf, periodYears, sumIntoPeriods, zeroPoints } from '../../../datasources/trendPeriods';
import type { TrendSubject } from '../../../datasources/TrendStore';

describe('trend periods', () => {
  it('has periods of 1, 5 and 10 years', () => {
    expect([periodYears('YEAR'), periodYears('FIVE_YEARS'), periodYears('DECADE')]).toEqual([1, 5, 10]);
  });

  it('starts a period at a year divisible by its length', () => {
    expect(periodStart(2017, 'YEAR')).toBe(2017);
    expect(periodStart(2017, 'FIVE_YEARS')).toBe(2015);
    expect(periodStart(2015, 'FIVE_YEARS')).toBe(2015);
    expect(periodStart(2019, 'FIVE_YEARS')).toBe(2015);
    expect(periodStart(2017, 'DECADE')).toBe(2010);
    expect(periodStart(2000, 'DECADE')).toBe(2000);
    expect(periodStart(-3, 'DECADE')).toBe(-10);
  });

  it('lists every period of a range, oldest first, from the one holding from to the one holding to', () => {
    expect(periodsOf({ from: 2017, to: 2026, interval: 'FIVE_YEARS' })).toEqual([2015, 2020, 2025]);
    expect(periodsOf({ from: 2015, to: 2019, interval: 'FIVE_YEARS' })).toEqual([2015]);
    expect(periodsOf({ from: 1999, to: 2000, interval: 'DECADE' })).toEqual([1990, 2000]);
    expect(periodsOf({ from: 2020, to: 2023, interval: 'YEAR' })).toEqual([2020, 2021, 2022, 2023]);
    expect(periodsOf({ from: 1827, to: 2026, interval: 'YEAR' })).toHaveLength(200);
  });

  it('rejects ranges that are not integer years in order (the resolver validates users first)', () => {
    expect(() => periodsOf({ from: 2020, to: 2019, interval: 'YEAR' })).toThrow(RangeError);
    expect(() => periodsOf({ from: 2020.5, to: 2021, interval: 'YEAR' })).toThrow(RangeError);
    expect(() => periodsOf({ from: 2020, to: Number.NaN, interval: 'YEAR' })).toThrow(RangeError);
    expect(() => periodsOf({ from: 2020, to: 2021, interval: 'WEEK' as never })).toThrow(RangeError);
  });

  it('sums yearly values into zero-filled periods, counting only the years inside from..to', () => {
    const yearly = [
      { year: 2014, works: 5, citations: 500 }, // outside
      { year: 2016, works: 5, citations: 500 }, // outside, in the first period
      { year: 2017, works: 1, citations: 10 },
      { year: 2019, works: 0, citations: 5 },
      { year: 2019, works: 1, citations: 1 }, // a year listed twice adds up
      { year: 2026, works: 2, citations: 7 },
      { year: 2027, works: 9, citations: 900 }, // outside, in the last period
    ];
    expect(sumIntoPeriods({ from: 2017, to: 2026, interval: 'FIVE_YEARS' }, yearly)).toEqual([
      { period: 2015, works: 2, citations: 16 },
      { period: 2020, works: 0, citations: 0 },
      { period: 2025, works: 2, citations: 7 },
    ]);
    expect(zeroPoints({ from: 2019, to: 2020, interval: 'YEAR' })).toEqual([
      { period: 2019, works: 0, citations: 0 },
      { period: 2020, works: 0, citations: 0 },
    ]);
  });

  it('answers trends aligned with the subjects: one lookup per kind, each id once, zeros for the unknown', async () => {
    const calls: [string, readonly string[]][] = [];
    const subjects: TrendSubject[] = [
      { kind: 'author', id: 'A2' },
      { kind: 'work', id: 'W1' },
      { kind: 'author', id: 'A1' },
      { kind: 'author', id: 'A2' },
      { kind: 'author', id: 'A404' },
    ];
    const series = await answerTrends(subjects, { from: 2020, to: 2021, interval: 'YEAR' }, async (kind, ids) => {
      calls.push([kind, ids]);
      if (kind === 'work') return new Map([['W1', [{ year: 2021, works: 1, citations: 3 }]]]);
      return new Map([
        ['A1', [{ year: 2020, works: 1, citations: 0 }]],
        ['A2', [{ year: 2021, works: 0, citations: 8 }]],
      ]);
    });
    expect(calls.sort()).toEqual([
      ['author', ['A2', 'A1', 'A404']],
      ['work', ['W1']],
    ]);
    const z = { works: 0, citations: 0 };
    expect(series).toEqual([
      [{ period: 2020, ...z }, { period: 2021, works: 0, citations: 8 }],
      [{ period: 2020, ...z }, { period: 2021, works: 1, citations: 3 }],
      [{ period: 2020, works: 1, citations: 0 }, { period: 2021, ...z }],
      [{ period: 2020, ...z }, { period: 2021, works: 0, citations: 8 }],
      [{ period: 2020, ...z }, { period: 2021, ...z }],
    ]);
    // Each series is its own array: a caller mutating one never changes another.
    expect(series[0]).not.toBe(series[3]);
  });

  it('asks nothing for no subjects, and validates the range first', async () => {
    const lookup = jest.fn();
    expect(await answerTrends([], { from: 2000, to: 2001, interval: 'YEAR' }, lookup)).toEqual([]);
    await expect(answerTrends([{ kind: 'work', id: 'W1' }], { from: 2001, to: 2000, interval: 'YEAR' }, lookup)).rejects.toThrow(RangeError);
    expect(lookup).not.toHaveBeenCalled();
  });
});
