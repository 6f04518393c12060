import type { CanonicalQuery } from '../explain/CanonicalQuery';

/** One query's latencies against one gateway. */
export interface QueryFigures {
  readonly name: string;
  /** The first request's latency (caches cold for this query), ms. */
  readonly firstMs: number;
  /** Of the requests after the first. */
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly requests: number;
  /** Responses that were not 200 with `data` and no `errors` (the first error's message is kept). */
  readonly errors: number;
  readonly firstError: string | undefined;
}

/** How many requests per query: at least `min`, at most `max`, and no more once `budgetMs` has been spent on it. */
export interface MeasurePlan {
  readonly min: number;
  readonly max: number;
  readonly budgetMs: number;
}

/** Nearest-rank quantile of sorted `values`. */
function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] as number;
}

/** POSTs `query` once; its latency and, if it failed, why. */
async function send(url: string, query: CanonicalQuery): Promise<{ ms: number; error: string | undefined }> {
  const started = performance.now();
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      body: JSON.stringify({ query: query.query, variables: query.variables }),
      signal: AbortSignal.timeout(60_000),
    });
    const body = (await res.json()) as { data?: unknown; errors?: { message?: string; extensions?: { code?: string } }[] };
    const ms = performance.now() - started;
    const first = body.errors?.[0];
    if (res.status !== 200 || first !== undefined || body.data === undefined) return { ms, error: `${res.status} ${first?.extensions?.code ?? ''} ${first?.message ?? 'no data'}`.trim() };
    return { ms, error: undefined };
  } catch (err) {
    return { ms: performance.now() - started, error: String(err) };
  }
}

/**
 * Sends each query one request at a time (a user's page load, not a throughput test): a first request, then more
 * per `plan`, and gives the first latency and p50/p99 of the rest. Every response body is checked for errors.
 */
export async function measureQueries(url: string, queries: readonly CanonicalQuery[], plan: MeasurePlan, log: (line: string) => void): Promise<QueryFigures[]> {
  const figures: QueryFigures[] = [];
  for (const query of queries) {
    const first = await send(url, query);
    const latencies: number[] = [];
    let errors = first.error === undefined ? 0 : 1;
    let firstError = first.error;
    const started = performance.now();
    while (latencies.length < plan.max && (latencies.length < plan.min || performance.now() - started < plan.budgetMs)) {
      const r = await send(url, query);
      latencies.push(r.ms);
      if (r.error !== undefined) {
        errors++;
        firstError ??= r.error;
      }
    }
    latencies.sort((a, b) => a - b);
    const f = { name: query.name, firstMs: first.ms, p50Ms: quantile(latencies, 0.5), p99Ms: quantile(latencies, 0.99), requests: latencies.length + 1, errors, firstError };
    log(`  ${f.name}: first ${f.firstMs.toFixed(1)} ms, p50 ${f.p50Ms.toFixed(1)} ms, p99 ${f.p99Ms.toFixed(1)} ms (${f.requests} requests, ${f.errors} errors${firstError ? `: ${firstError}` : ''})`);
    figures.push(f);
  }
  return figures;
}
