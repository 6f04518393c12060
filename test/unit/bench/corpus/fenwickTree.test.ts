import { FenwickTree } from '../../../../bench/corpus/fenwickTree';
import { createPrng } from '../../../../bench/corpus/prng';

describe('FenwickTree', () => {
  it('keeps prefix sums and finds the index of every cumulative weight, as a plain array would', () => {
    const random = createPrng(1, 'fenwick');
    for (const capacity of [1, 2, 3, 7, 8, 9, 100]) {
      const tree = new FenwickTree(capacity);
      const weights = new Array<number>(capacity).fill(0);
      for (let step = 0; step < 300; step++) {
        const index = random.below(capacity);
        const delta = random.below(5) - Math.min(2, weights[index] as number); // weights stay ≥ 0, some become 0
        weights[index] = (weights[index] as number) + delta;
        tree.add(index, delta);
      }
      const total = weights.reduce((a, b) => a + b, 0);
      expect(tree.total).toBe(total);
      for (let end = 0; end <= capacity; end++) expect(tree.prefixSum(end)).toBe(weights.slice(0, end).reduce((a, b) => a + b, 0));
      // The index holding each unit of weight, by a linear scan.
      const owners = weights.flatMap((w, i) => new Array<number>(w).fill(i));
      owners.forEach((owner, target) => expect([target, tree.find(target)]).toEqual([target, owner]));
    }
  });

  it('never finds a zero weight and draws in proportion to the weights', () => {
    const tree = new FenwickTree(5);
    [3, 0, 1, 0, 6].forEach((w, i) => tree.add(i, w));
    const random = createPrng(2, 'draws');
    const counts = [0, 0, 0, 0, 0];
    const draws = 50_000;
    for (let i = 0; i < draws; i++) {
      const index = tree.draw(random.float());
      counts[index] = (counts[index] as number) + 1;
    }
    expect(counts[1]).toBe(0);
    expect(counts[3]).toBe(0);
    expect((counts[0] as number) / draws).toBeCloseTo(0.3, 1);
    expect((counts[2] as number) / draws).toBeCloseTo(0.1, 1);
    expect((counts[4] as number) / draws).toBeCloseTo(0.6, 1);
    expect(tree.draw(0.999_999_999_999)).toBe(4);
    expect(tree.draw(0)).toBe(0);
  });

  it('refuses capacities it cannot index', () => {
    expect(() => new FenwickTree(0)).toThrow(RangeError);
    expect(() => new FenwickTree(2 ** 30 + 1)).toThrow(RangeError);
  });
});
