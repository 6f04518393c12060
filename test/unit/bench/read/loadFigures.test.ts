import { latencyQuantile, type LoadFigures, pooled, rps } from '../../../../bench/read/loadFigures';

const run = (latenciesMs: number[], seconds: number): LoadFigures => ({ responses: latenciesMs.length, seconds, latenciesMs, badBodies: 1, failures: 0 });

describe('the read benchmark’s figures', () => {
  it('pools rounds: responses and seconds add, latencies join', () => {
    const all = pooled([run([1, 2], 1), run([3, 4, 5, 6], 1)]);
    expect(rps(all)).toBe(3);
    expect(all.badBodies).toBe(2);
    expect(all.latenciesMs).toHaveLength(6);
  });

  it('takes quantiles by nearest rank, in numeric order', () => {
    const figures = run([10, 9, 100, 1, 2, 3, 4, 5, 6, 7, 8], 1);
    expect(latencyQuantile(figures, 0.5)).toBe(6);
    expect(latencyQuantile(figures, 0.99)).toBe(100);
    expect(latencyQuantile(run([], 1), 0.5)).toBe(0);
  });
});
