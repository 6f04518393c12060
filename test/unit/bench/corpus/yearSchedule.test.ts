import { createPrng } from '../../../../bench/corpus/prng';
import { yearOfWork } from '../../../../bench/corpus/yearSchedule';

describe('yearOfWork', () => {
  const sorted = [1951, 2010, 2010, 2015, 2020, 2020, 2020, 2025];

  it('follows the given distribution exactly when the corpus is a multiple of it, never decreasing', () => {
    const random = createPrng(3, 'years');
    const works = sorted.length * 25;
    const years = Array.from({ length: works }, (_, i) => yearOfWork(i, works, sorted, random.float()));
    expect(years).toEqual([...years].sort((a, b) => a - b));
    expect(years).toEqual(sorted.flatMap((y) => new Array<number>(25).fill(y)));
  });

  it('stays within the distribution for any size and any draw', () => {
    for (const works of [1, 2, 7, 1000]) {
      expect(yearOfWork(0, works, sorted, 0)).toBe(1951);
      expect(yearOfWork(works - 1, works, sorted, 0.999_999_999)).toBe(2025);
    }
  });
});
