import { createPrng } from '../../../../bench/corpus/prng';

const take = (n: number, next: () => number): number[] => Array.from({ length: n }, next);

describe('createPrng (sfc32 seeded by cyrb128)', () => {
  it('gives the same sequence for the same seed and stream, and unrelated ones otherwise', () => {
    const a = createPrng(42, 'citations');
    const b = createPrng(42, 'citations');
    expect(take(1000, a.uint32)).toEqual(take(1000, b.uint32));
    const first = take(8, createPrng(42, 'citations').uint32);
    expect(take(8, createPrng(43, 'citations').uint32)).not.toEqual(first);
    expect(take(8, createPrng(42, 'records').uint32)).not.toEqual(first);
  });

  it('keeps its sequence from version to version (a change would silently change every generated corpus)', () => {
    expect(take(4, createPrng(42, 'citations').uint32)).toEqual([441160260, 1061488422, 307788143, 137746280]);
  });

  it('draws floats in [0, 1) and integers in [0, n), spread evenly', () => {
    const random = createPrng(7, 'uniformity');
    const bins = new Array<number>(10).fill(0);
    const draws = 100_000;
    const outOfRange: number[] = []; // one expect() at the end: 200,000 of them take seconds
    for (let i = 0; i < draws; i++) {
      const f = random.float();
      if (!(f >= 0 && f < 1)) outOfRange.push(f);
      const k = random.below(10);
      if (!(Number.isInteger(k) && k >= 0 && k < 10)) outOfRange.push(k);
      bins[k] = (bins[k] as number) + 1;
    }
    expect(outOfRange).toEqual([]);
    // Chi-square with 9 degrees of freedom: 27.9 is its 0.1 % tail.
    const expected = draws / 10;
    const chi2 = bins.reduce((sum, observed) => sum + (observed - expected) ** 2 / expected, 0);
    expect(chi2).toBeLessThan(27.9);
  });
});
