/**
 * A Fenwick (binary indexed) tree of non-negative integer weights over the indices 0 … capacity−1: add to one
 * weight and find the index a cumulative weight falls in, both in O(log capacity). This is what lets preferential
 * attachment draw a work with probability proportional to its weight while weights change after every draw, in
 * 8 bytes per index (an alias table would have to be rebuilt after each change).
 *
 * Weights are kept in a Float64Array: integer sums stay exact up to 2^53. Capacity is limited to 2^30 (bitwise
 * index arithmetic).
 */
export class FenwickTree {
  private readonly tree: Float64Array;
  private readonly topStep: number;
  private sum = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1 || capacity > 2 ** 30) throw new RangeError(`capacity must be an integer in 1 … 2^30 (got ${capacity})`);
    this.tree = new Float64Array(capacity + 1);
    let step = 1;
    while (step * 2 <= capacity) step *= 2;
    this.topStep = step;
  }

  /** The sum of all weights. */
  get total(): number {
    return this.sum;
  }

  /** Adds `delta` (an integer; the weight must stay ≥ 0) to the weight at `index`. */
  add(index: number, delta: number): void {
    this.sum += delta;
    const tree = this.tree;
    for (let i = index + 1; i <= this.capacity; i += i & -i) tree[i] = (tree[i] as number) + delta;
  }

  /** The sum of the weights at 0 … end−1. */
  prefixSum(end: number): number {
    let s = 0;
    for (let i = Math.min(end, this.capacity); i > 0; i -= i & -i) s += this.tree[i] as number;
    return s;
  }

  /**
   * The index whose cumulative range holds `target`, an integer in [0, total): the smallest index i with
   * prefixSum(i + 1) > target. Its weight is therefore > 0: zero weights are never found.
   */
  find(target: number): number {
    let pos = 0;
    let rest = target;
    for (let step = this.topStep; step > 0; step >>= 1) {
      const next = pos + step;
      if (next <= this.capacity) {
        const node = this.tree[next] as number;
        if (node <= rest) {
          pos = next;
          rest -= node;
        }
      }
    }
    return pos;
  }

  /** An index drawn with probability weight / total, using one draw of `random` (a float in [0, 1)). */
  draw(random: number): number {
    return this.find(Math.min(this.sum - 1, Math.floor(random * this.sum)));
  }
}
