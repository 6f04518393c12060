import { summarizeInDegrees } from '../../../../bench/corpus/groundTruth';
import { PreferentialAttachment } from '../../../../bench/corpus/preferentialAttachment';
import { createPrng } from '../../../../bench/corpus/prng';

/** Every work's cited works, as the model draws them. */
function edges(works: number, perWork: number, seed: number): number[][] {
  const model = new PreferentialAttachment(works, perWork, createPrng(seed, 'citations'));
  const out = new Uint32Array(perWork);
  return Array.from({ length: works }, () => Array.from(out.subarray(0, model.next(out))));
}

describe('PreferentialAttachment', () => {
  it('has each work cite min(perWork, earlier works) distinct earlier works, and counts them in the in-degrees', () => {
    const works = 500;
    const model = new PreferentialAttachment(works, 20, createPrng(3, 'citations'));
    const out = new Uint32Array(20);
    const inDegrees = new Array<number>(works).fill(0);
    for (let i = 0; i < works; i++) {
      const count = model.next(out);
      const cited = Array.from(out.subarray(0, count));
      expect(count).toBe(Math.min(20, i));
      expect(new Set(cited).size).toBe(count);
      expect(cited.every((j) => j < i)).toBe(true);
      for (const j of cited) inDegrees[j] = (inDegrees[j] as number) + 1;
    }
    expect(Array.from(model.inDegrees)).toEqual(inDegrees);
    expect(() => model.next(out)).toThrow(RangeError);
  });

  it('draws the same graph again from the same stream (the generator replays it)', () => {
    expect(edges(300, 20, 9)).toEqual(edges(300, 20, 9));
    expect(edges(300, 20, 10)).not.toEqual(edges(300, 20, 9));
  });

  it('draws a cited work with probability proportional to (in-degree + 1), without replacement within a work', () => {
    // Works 0, 1, 2 then 3, two references each: work 1 cites 0; work 2 cites 0 and 1; so work 3 draws from weights
    // 3, 2, 1 and cites the pair {0,1} with probability 3/6·2/3 + 2/6·3/4 = 7/12, {0,2} 4/15, {1,2} 3/20.
    const runs = 20_000;
    const pairs = new Map<string, number>();
    for (let seed = 0; seed < runs; seed++) {
      const key = [...(edges(4, 2, seed)[3] as number[])].sort().join(',');
      pairs.set(key, (pairs.get(key) ?? 0) + 1);
    }
    expect([...pairs.keys()].sort()).toEqual(['0,1', '0,2', '1,2']);
    expect((pairs.get('0,1') as number) / runs).toBeCloseTo(7 / 12, 1);
    expect((pairs.get('0,2') as number) / runs).toBeCloseTo(4 / 15, 1);
    expect((pairs.get('1,2') as number) / runs).toBeCloseTo(3 / 20, 1);
    expect(Math.abs((pairs.get('1,2') as number) / runs - 3 / 20)).toBeLessThan(0.015);
  });

  it('grows a heavy-tailed in-degree distribution: the top 1 % hold a large share, the hub far above the median', () => {
    const works = 20_000;
    const model = new PreferentialAttachment(works, 20, createPrng(42, 'citations'));
    const out = new Uint32Array(20);
    for (let i = 0; i < works; i++) model.next(out);
    const summary = summarizeInDegrees(model.inDegrees);
    // Uniform attachment (each earlier work equally likely) leaves the top 1 % about 6 % of citations, the hub ~13× the median.
    expect(summary.top1PercentShare).toBeGreaterThan(0.3);
    expect(summary.max).toBeGreaterThan(100 * Math.max(1, summary.quantiles.p50));
    expect(summary.quantiles.p50).toBeLessThan(summary.mean);
  });
});
