import { DiscretePowerLaw } from '../../../../bench/corpus/discretePowerLaw';

describe('DiscretePowerLaw', () => {
  it('gives each k its share k^-exponent / Σ j^-exponent by inverse transform', () => {
    const law = new DiscretePowerLaw(2, 50);
    const norm = Array.from({ length: 50 }, (_, j) => (j + 1) ** -2).reduce((a, b) => a + b, 0);
    const grid = 200_000;
    const counts = new Array<number>(51).fill(0);
    for (let i = 0; i < grid; i++) {
      const k = law.sample((i + 0.5) / grid);
      counts[k] = (counts[k] as number) + 1;
    }
    expect(counts[0]).toBe(0);
    for (const k of [1, 2, 3, 10, 50]) expect((counts[k] as number) / grid).toBeCloseTo(k ** -2 / norm, 4);
    expect(law.sample(0)).toBe(1);
    expect(law.sample(0.999_999_9)).toBe(50);
  });

  it('has the mean of the truncated law (Lotka: about 4.5 works per author up to 1,000)', () => {
    const law = new DiscretePowerLaw(2, 1000);
    const weights = Array.from({ length: 1000 }, (_, j) => (j + 1) ** -2);
    const norm = weights.reduce((a, b) => a + b, 0);
    expect(law.mean()).toBeCloseTo(weights.reduce((sum, w, j) => sum + (j + 1) * w, 0) / norm, 9);
    expect(law.mean()).toBeGreaterThan(4.4);
    expect(law.mean()).toBeLessThan(4.6);
  });
});
