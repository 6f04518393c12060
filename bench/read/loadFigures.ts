/** What one load run measured at one endpoint. */
export interface LoadFigures {
  /** Responses received. */
  readonly responses: number;
  readonly seconds: number;
  /** Each response's latency, in milliseconds, in arrival order. */
  readonly latenciesMs: readonly number[];
  /** Responses whose body (or status) was not the endpoint's expected answer: a fast wrong answer is no answer. */
  readonly badBodies: number;
  /** Requests that got no response: connection errors and timeouts. */
  readonly failures: number;
}

/** Several runs at one endpoint as one: responses and latencies pooled, seconds added. */
export function pooled(runs: readonly LoadFigures[]): LoadFigures {
  return {
    responses: runs.reduce((s, r) => s + r.responses, 0),
    seconds: runs.reduce((s, r) => s + r.seconds, 0),
    latenciesMs: runs.flatMap((r) => r.latenciesMs),
    badBodies: runs.reduce((s, r) => s + r.badBodies, 0),
    failures: runs.reduce((s, r) => s + r.failures, 0),
  };
}

/** Responses per second. */
export function rps(figures: LoadFigures): number {
  return figures.seconds > 0 ? figures.responses / figures.seconds : 0;
}

/** The `q` quantile (0–1) of the latencies, nearest rank; 0 without any. */
export function latencyQuantile(figures: LoadFigures, q: number): number {
  const sorted = Float64Array.from(figures.latenciesMs).sort();
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? 0;
}
