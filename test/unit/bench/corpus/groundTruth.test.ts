import { CiterDepths, summarizeInDegrees, topCited } from '../../../../bench/corpus/groundTruth';

describe('summarizeInDegrees', () => {
  it('counts edges, quantiles, the top 1 % share and power-of-two buckets', () => {
    // 200 works: 100 uncited, 50 cited once, 30 three times, 18 six times, one 40, one 500 times.
    const degrees = [...new Array<number>(100).fill(0), ...new Array<number>(50).fill(1), ...new Array<number>(30).fill(3), ...new Array<number>(18).fill(6), 40, 500];
    const summary = summarizeInDegrees(Uint32Array.from(degrees.reverse()));
    const edges = 50 + 90 + 108 + 40 + 500;
    expect(summary.internalEdges).toBe(edges);
    expect(summary.mean).toBe(edges / 200);
    expect(summary.max).toBe(500);
    expect(summary.quantiles).toEqual({ p50: 0, p90: 3, p99: 6, p999: 40 }); // ranks ⌊q·199⌋ of the sorted degrees
    expect(summary.top1PercentShare).toBe(540 / edges); // the top 2 works
    expect(summary.histogram).toEqual([
      { from: 0, to: 0, works: 100 },
      { from: 1, to: 1, works: 50 },
      { from: 2, to: 3, works: 30 },
      { from: 4, to: 7, works: 18 },
      { from: 8, to: 15, works: 0 },
      { from: 16, to: 31, works: 0 },
      { from: 32, to: 63, works: 1 },
      { from: 64, to: 127, works: 0 },
      { from: 128, to: 255, works: 0 },
      { from: 256, to: 511, works: 1 },
    ]);
  });
});

describe('topCited', () => {
  it('orders by in-degree, ties by smaller index, and keeps k', () => {
    expect(topCited(Uint32Array.from([5, 9, 5, 0, 9, 1]), 4)).toEqual([
      [1, 9],
      [4, 9],
      [0, 5],
      [2, 5],
    ]);
    expect(topCited(Uint32Array.from([0, 0]), 5)).toEqual([
      [0, 0],
      [1, 0],
    ]);
  });
});

describe('CiterDepths', () => {
  it('settles each work at its shortest distance to the hub, up to depth 3', () => {
    // 0 ← 1 (1 cites 0); hub = 1. 2 cites 1 (depth 1); 3 cites 0 only (never reaches the hub); 4 cites 2 and 1 (depth 1);
    // 5 cites 2 (depth 2); 6 cites 5 and 3 (depth 3); 7 cites 6 (depth 4: not tracked); 8 cites 6 and 2 (depth 2).
    const cites: number[][] = [[], [0], [1], [0], [2, 1], [2], [5, 3], [6], [6, 2]];
    const depths = new CiterDepths(cites.length, 1);
    cites.forEach((cited, index) => depths.observe(index, Uint32Array.from(cited), cited.length));
    expect([1, 2, 3].map((d) => depths.indices(d))).toEqual([[2, 4], [5, 8], [6]]);
    expect([1, 2, 3].map((d) => depths.count(d))).toEqual([2, 2, 1]);
  });
});
