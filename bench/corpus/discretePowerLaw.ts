/**
 * The discrete power law P(k) ∝ k^−exponent on 1 … max, sampled by inverse transform over its cumulative table
 * (max doubles). With exponent 2 it is Lotka's law of scientific productivity: the number of authors with k works
 * falls as 1/k², so most authors have one or two works and a few have hundreds.
 */
export class DiscretePowerLaw {
  private readonly cumulative: Float64Array;

  constructor(
    readonly exponent: number,
    readonly max: number,
  ) {
    if (!Number.isInteger(max) || max < 1) throw new RangeError(`max must be a positive integer (got ${max})`);
    this.cumulative = new Float64Array(max);
    let sum = 0;
    for (let k = 1; k <= max; k++) {
      sum += k ** -exponent;
      this.cumulative[k - 1] = sum;
    }
    for (let k = 0; k < max; k++) this.cumulative[k] = (this.cumulative[k] as number) / sum;
  }

  /** The mean of the distribution. */
  mean(): number {
    let previous = 0;
    let mean = 0;
    for (let k = 1; k <= this.max; k++) {
      const c = this.cumulative[k - 1] as number;
      mean += k * (c - previous);
      previous = c;
    }
    return mean;
  }

  /** The k in 1 … max that `random` (a float in [0, 1)) falls on: the smallest k with P(≤ k) > random. */
  sample(random: number): number {
    let low = 0;
    let high = this.max - 1;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((this.cumulative[mid] as number) > random) high = mid;
      else low = mid + 1;
    }
    return low + 1;
  }
}
