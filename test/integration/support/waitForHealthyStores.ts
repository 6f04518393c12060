/** `/ready`'s answer (README, "Readiness"). */
export interface ReadyReport {
  readonly status: string;
  readonly stores: readonly { store: string; required: boolean; status: string; latencyMs: number; breaker: string }[];
}

/** Some configured store was still down, or its breaker not closed, when the wait ran out. */
export class StoresNotHealthyError extends Error {
  override readonly name = 'StoresNotHealthyError';

  constructor(
    /** `store: status, breaker` of each store that was not up with a closed breaker at the end. */
    readonly unhealthy: readonly string[],
    waitedMs: number,
    what: string,
  ) {
    super(
      `before ${what}: ${unhealthy.join('; ')} — still not up with a closed breaker after ${waitedMs} ms. An earlier outage ` +
        'left a store down or its breaker open; this test would measure that instead of its own outage (check `scripts/services status`).',
    );
  }
}

export interface WaitForHealthyStoresOptions {
  /** Asks the gateway's `/ready`. */
  readonly ready: () => Promise<ReadyReport>;
  /**
   * One request whose fields reach every store's read policy through the gateway, uncached (different arguments
   * each time). A breaker left open only half-opens and closes when a call goes through it: without traffic,
   * `/ready` would report it open forever. Its answer is ignored; it is sent only while every store is up.
   */
  readonly probe: () => Promise<unknown>;
  /** What is about to run, for the error message (e.g. "the neo4j baseline"). */
  readonly before: string;
  /** Give up after this long (default 45 s: a store restarting plus the breaker's 10 s half-open wait). */
  readonly timeoutMs?: number;
  readonly pollMs?: number;
}

/**
 * Resolves once `/ready` lists every configured store `up` with breaker `closed`, so a fault test's baseline does
 * not inherit an earlier outage (a store still restarting, a breaker still open). Rejects with
 * StoresNotHealthyError naming each store that is not, once `timeoutMs` has passed. Bounded: at most `timeoutMs`
 * plus one `/ready` call and one probe.
 */
export async function waitForHealthyStores(options: WaitForHealthyStoresOptions): Promise<{ waitedMs: number }> {
  const timeoutMs = options.timeoutMs ?? 45_000;
  const pollMs = options.pollMs ?? 500;
  const started = Date.now();
  for (;;) {
    const report = await options.ready();
    const unhealthy = report.stores.filter((s) => s.status !== 'up' || s.breaker !== 'closed');
    if (unhealthy.length === 0) return { waitedMs: Date.now() - started };
    const waitedMs = Date.now() - started;
    if (waitedMs >= timeoutMs) {
      throw new StoresNotHealthyError(
        unhealthy.map((s) => `${s.store}: ${s.status}, breaker ${s.breaker}`),
        waitedMs,
        options.before,
      );
    }
    // Probing a store that is down would only count failures towards its breaker: wait for it to come up first.
    if (unhealthy.every((s) => s.status === 'up')) await options.probe().catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

/**
 * A GraphQL request whose fields reach every store's read policy without a cache answering for them: the work
 * (PostgreSQL, through the Redis cache), its citers' nodes (Neo4j; never cached), its trend over a year asked
 * for the first time (InfluxDB; trends are cached per range, so `n` picks a new year each time) and a search
 * (Elasticsearch; never cached). `n` also makes each request's variables new for the response cache.
 */
export function everyStoreProbe(workId: string, n: number): { query: string; variables: Record<string, unknown> } {
  return {
    query:
      'query StoreProbe($id: ID!, $year: Int!, $q: String!) { w: work(id: $id) { id citedBy(first: 1) { nodes { id } } trend(from: $year, to: $year) { points { period } } } searchWorks(query: $q, first: 1) { totalCount } }',
    variables: { id: workId, year: 1700 + (n % 300), q: `probe${n}` },
  };
}
