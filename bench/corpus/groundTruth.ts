/**
 * Ground truth about a generated citation graph, computed while it is generated: the in-degree distribution and,
 * for the most cited work, which works reach it through citations at depth 1, 2 and 3 — the answers a test expects
 * from `citedBy` and `citations(direction: CITED_BY, depth:)` once the corpus is loaded.
 */

/** How the internal citations are spread over the works. */
export interface InDegreeSummary {
  /** Citations from a generated work to a generated work. */
  readonly internalEdges: number;
  readonly max: number;
  readonly mean: number;
  /** In-degree quantiles over all works (nearest rank). */
  readonly quantiles: { readonly p50: number; readonly p90: number; readonly p99: number; readonly p999: number };
  /** The share of all internal citations that the 1 % most cited works receive. */
  readonly top1PercentShare: number;
  /** Works per in-degree range: 0, 1, 2–3, 4–7, 8–15, … up to the maximum. */
  readonly histogram: readonly { readonly from: number; readonly to: number; readonly works: number }[];
}

/** Summarises `inDegrees` (one entry per work). O(n log n) time, one 4-byte copy per work. */
export function summarizeInDegrees(inDegrees: Uint32Array): InDegreeSummary {
  const n = inDegrees.length;
  const sorted = Uint32Array.from(inDegrees).sort();
  let edges = 0;
  for (const d of sorted) edges += d;
  const at = (q: number): number => sorted[Math.floor(q * (n - 1))] ?? 0;
  let top = 0;
  for (let i = n - Math.ceil(n / 100); i < n; i++) top += sorted[i] as number;
  const max = sorted[n - 1] ?? 0;
  const histogram: { from: number; to: number; works: number }[] = [];
  let i = 0;
  for (let from = 0; from <= max; from = from === 0 ? 1 : from * 2) {
    const to = from === 0 ? 0 : from * 2 - 1;
    let works = 0;
    while (i < n && (sorted[i] as number) <= to) {
      works++;
      i++;
    }
    histogram.push({ from, to, works });
  }
  return {
    internalEdges: edges,
    max,
    mean: n === 0 ? 0 : edges / n,
    quantiles: { p50: at(0.5), p90: at(0.9), p99: at(0.99), p999: at(0.999) },
    top1PercentShare: edges === 0 ? 0 : top / edges,
    histogram,
  };
}

/** The `k` most cited works as [index, in-degree], most cited first, ties by smaller index. */
export function topCited(inDegrees: Uint32Array, k: number): [number, number][] {
  if (inDegrees.length === 0 || k <= 0) return [];
  const sorted = Uint32Array.from(inDegrees).sort();
  const threshold = sorted[Math.max(0, sorted.length - k)] as number;
  const candidates: [number, number][] = [];
  inDegrees.forEach((d, index) => {
    if (d >= threshold) candidates.push([index, d]);
  });
  return candidates.sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, k);
}

const UNREACHED = 255;

/** The deepest level CiterDepths tracks (the API's `citations` depth goes to 3). */
export const MAX_DEPTH = 3;

/**
 * The shortest citation distance from each work to `hub`, up to MAX_DEPTH: depth 1 = works citing the hub, 2 = works
 * citing those (and not the hub), and so on — a breadth-first search over "cites" edges backwards, done as the works
 * arrive. Since a work only cites earlier works, its distance is 1 + the least distance among the works it cites,
 * all already known: observe(i, …) settles work i for good. 1 byte per work.
 */
export class CiterDepths {
  private readonly depths: Uint8Array;
  private readonly counts = new Array<number>(MAX_DEPTH + 1).fill(0);

  constructor(
    readonly works: number,
    readonly hub: number,
  ) {
    this.depths = new Uint8Array(works).fill(UNREACHED);
    this.depths[hub] = 0;
  }

  /** Settles work `index`, which cites the works `cited[0 … count−1]`; call it for every work in order. */
  observe(index: number, cited: Uint32Array, count: number): void {
    if (index <= this.hub) return; // the hub itself, or a work older than it (which cannot cite it, even indirectly)
    let best = UNREACHED;
    for (let j = 0; j < count; j++) best = Math.min(best, this.depths[cited[j] as number] as number);
    if (best < MAX_DEPTH) {
      this.depths[index] = best + 1;
      this.counts[best + 1] = (this.counts[best + 1] as number) + 1;
    }
  }

  /** How many works are at exactly `depth` (1 … MAX_DEPTH) from the hub. */
  count(depth: number): number {
    return this.counts[depth] ?? 0;
  }

  /** The indices of the works at exactly `depth`, ascending. */
  indices(depth: number): number[] {
    const found: number[] = [];
    this.depths.forEach((d, index) => {
      if (d === depth) found.push(index);
    });
    return found;
  }
}
