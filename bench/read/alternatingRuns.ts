import { type Answer, graphqlRequest } from './answers';
import { closedLoop } from './closedLoop';
import { type LoadFigures, pooled, rps } from './loadFigures';
import { pacedLoad } from './pacedLoad';
import { cpuMicrosPerResponse, cpuSeconds } from './processCpu';
import { residentMegabytes } from './residentMemory';
import { type Endpoint } from './servers';

/** One endpoint of a query: where to send it, the document it is sent there, and the answer every response must repeat. */
export interface LoadTarget {
  readonly endpoint: Endpoint;
  readonly query: string;
  readonly expected: Answer;
}

/** What an endpoint did for one query. */
export interface TargetFigures {
  readonly target: LoadTarget;
  readonly rounds: readonly LoadFigures[];
  /** The rounds pooled: its rps is the endpoint's maximum throughput. */
  readonly saturated: LoadFigures;
  /** The largest resident set size seen after a round, MB. */
  readonly rssMb: number;
  /** CPU time the serving process spent per response over the rounds, µs (NaN without /proc). */
  readonly cpuMicros: number;
  /** The constant-rate run at half the saturated rps, and the serving process's CPU per response during it. */
  readonly halfRate: { readonly targetRps: number; readonly figures: LoadFigures; readonly cpuMicros: number };
}

export interface RunPlan {
  readonly rounds: number;
  readonly seconds: number;
  readonly warmupSeconds: number;
  readonly connections: number;
}

/**
 * Loads the targets with their query in turns — a warm-up each (not counted), then round 1 of each, round 2 of
 * each, … (A B A B), so drift on a shared machine (another job, thermal limits, a growing cache) falls on all of
 * them alike — and finally a constant-rate run of each at half its measured maximum (pacedLoad: a warm-up of its
 * own, then the counted run). Progress goes to stderr.
 */
export async function alternatingRuns(label: string, targets: readonly LoadTarget[], plan: RunPlan): Promise<TargetFigures[]> {
  const requestOf = (t: LoadTarget) => graphqlRequest(t.query);
  for (const t of targets) await closedLoop(t.endpoint.url, requestOf(t), t.expected.body, { connections: plan.connections, seconds: plan.warmupSeconds });
  const rounds = targets.map(() => [] as LoadFigures[]);
  const rss = targets.map(() => 0);
  const cpu = targets.map(() => 0);
  for (let round = 0; round < plan.rounds; round++) {
    for (const [i, t] of targets.entries()) {
      const cpuBefore = cpuSeconds(t.endpoint.pid);
      const figures = await closedLoop(t.endpoint.url, requestOf(t), t.expected.body, { connections: plan.connections, seconds: plan.seconds });
      cpu[i] = (cpu[i] ?? 0) + cpuSeconds(t.endpoint.pid) - cpuBefore;
      rounds[i]?.push(figures);
      rss[i] = Math.max(rss[i] ?? 0, residentMegabytes(t.endpoint.pid));
      console.error(`  ${label} round ${round + 1}/${plan.rounds}  ${t.endpoint.name.padEnd(24)} ${rps(figures).toFixed(0).padStart(6)} rps`);
    }
  }
  const results: TargetFigures[] = [];
  for (const [i, t] of targets.entries()) {
    const saturated = pooled(rounds[i] ?? []);
    const targetRps = Math.max(1, Math.round(rps(saturated) / 2));
    const { figures, cpuMicros: halfRateCpu } = await pacedLoad(t.endpoint.url, requestOf(t), t.expected.body, {
      rate: targetRps,
      seconds: plan.seconds,
      connections: plan.connections,
      serverPid: t.endpoint.pid,
    });
    console.error(`  ${label} constant rate  ${t.endpoint.name.padEnd(24)} ${targetRps} rps asked, ${rps(figures).toFixed(0)} served`);
    results.push({
      target: t,
      rounds: rounds[i] ?? [],
      saturated,
      rssMb: rss[i] ?? 0,
      cpuMicros: cpuMicrosPerResponse(0, cpu[i] ?? Number.NaN, saturated.responses),
      halfRate: { targetRps, figures, cpuMicros: halfRateCpu },
    });
  }
  return results;
}
