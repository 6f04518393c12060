import { FenwickTree } from './fenwickTree';
import { type Prng } from './prng';

/** How many earlier works each generated work cites (fewer for the first works, which have fewer to cite). */
export const CITATIONS_PER_WORK = 20;

/**
 * Price's model of a citation network: works arrive one at a time, and each cites `perWork` distinct earlier works
 * (all of them while there are fewer), each drawn with probability proportional to (its in-degree + 1) among those
 * not yet drawn for this work. The "+ 1" lets uncited works be found; the result is the power law real citation
 * counts follow (Price 1976; exponent 2 + 1/perWork).
 *
 * Memory: the in-degrees (a Uint32Array, 4 bytes per work) and the sampling weights (a Fenwick tree, 8 bytes per
 * work): 12 MB per million works, whatever the number of edges. Nothing else is kept, and the draws depend only on
 * the Prng given, so the same stream replays the same graph (the generator replays it to compute ground truth).
 */
export class PreferentialAttachment {
  /** In-degree of each work added so far (index = order of arrival); later entries are 0. */
  readonly inDegrees: Uint32Array;
  private readonly weights: FenwickTree;
  private added = 0;

  constructor(
    readonly works: number,
    readonly perWork: number,
    private readonly random: Prng,
  ) {
    this.inDegrees = new Uint32Array(works);
    this.weights = new FenwickTree(works);
  }

  /** How many works were added. */
  get size(): number {
    return this.added;
  }

  /**
   * Adds the next work (index `size`) and writes the indices of the works it cites into `out` (in the order drawn),
   * returning how many: min(perWork, size). Their in-degrees are incremented. Throws past `works`.
   */
  next(out: Uint32Array): number {
    const index = this.added;
    if (index >= this.works) throw new RangeError(`all ${this.works} works were added`);
    const count = Math.min(this.perWork, index);
    const { weights, inDegrees } = this;
    // Without replacement: a drawn work's weight is taken out until the work has all its references, then put back
    // with its new in-degree.
    for (let j = 0; j < count; j++) {
      const cited = weights.draw(this.random.float());
      out[j] = cited;
      weights.add(cited, -((inDegrees[cited] as number) + 1));
    }
    for (let j = 0; j < count; j++) {
      const cited = out[j] as number;
      const degree = (inDegrees[cited] as number) + 1;
      inDegrees[cited] = degree;
      weights.add(cited, degree + 1);
    }
    weights.add(index, 1);
    this.added = index + 1;
    return count;
  }
}
