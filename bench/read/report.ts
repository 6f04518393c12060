import { type TargetFigures } from './alternatingRuns';
import { latencyQuantile, type LoadFigures, rps } from './loadFigures';

/** A ratio to print: `numerator` over `denominator`, both endpoint names of the same table. */
export interface RatioSpec {
  readonly numerator: string;
  readonly denominator: string;
}

const HEADER =
  'endpoint                   rps  (per round)            p50 ms   p99 ms   RSS MB  CPU µs  errors   │ at ½ max: asked  served   p50 ms   p99 ms  CPU µs  errors';

/**
 * One query's table: per endpoint its maximum throughput (rps pooled over the rounds, each round's rps beside it),
 * latency percentiles at that load, the resident memory after the rounds, the serving node process's CPU time per
 * response ("CPU µs": what it costs that process, whoever else shares the cores; a store's own CPU is not in it), the
 * responses that were not the expected answer or never came ("errors"), then the constant-rate run at half that
 * throughput (the rate asked and the rate served, its CPU per response); below, the ratios of rps and of CPU per
 * response, and which endpoints' constant-rate run fell behind.
 */
export function queryTable(heading: string, figures: readonly TargetFigures[], ratios: readonly RatioSpec[]): string {
  const lines = [heading, HEADER];
  for (const f of figures) {
    const perRound = f.rounds.map((r) => rps(r).toFixed(0)).join('/');
    lines.push(
      [
        f.target.endpoint.name.padEnd(22),
        rps(f.saturated).toFixed(0).padStart(7),
        `(${perRound})`.padEnd(22),
        ms(latencyQuantile(f.saturated, 0.5)),
        ms(latencyQuantile(f.saturated, 0.99)),
        (Number.isNaN(f.rssMb) ? '?' : f.rssMb.toFixed(0)).padStart(8),
        micros(f.cpuMicros),
        errors(f.saturated).padStart(7),
        '  │',
        String(f.halfRate.targetRps).padStart(15),
        rps(f.halfRate.figures).toFixed(0).padStart(7),
        ms(latencyQuantile(f.halfRate.figures, 0.5)),
        ms(latencyQuantile(f.halfRate.figures, 0.99)),
        micros(f.halfRate.cpuMicros),
        errors(f.halfRate.figures).padStart(7),
      ].join(' '),
    );
  }
  const rpsTexts = ratioTexts(ratios, new Map(figures.map((f) => [f.target.endpoint.name, rps(f.saturated)] as const)));
  if (rpsTexts.length > 0) lines.push(`rps ratios: ${rpsTexts.join(';  ')}`);
  const cpuTexts = ratioTexts(ratios, new Map(figures.map((f) => [f.target.endpoint.name, f.cpuMicros] as const)));
  if (cpuTexts.length > 0) lines.push(`CPU per response ratios (the node processes only): ${cpuTexts.join(';  ')}`);
  const behind = figures.filter((f) => rps(f.halfRate.figures) < 0.9 * f.halfRate.targetRps).map((f) => f.target.endpoint.name);
  if (behind.length > 0) lines.push(`note: at ½ max, less than 90% of the asked rate was served for ${behind.join(', ')} (the server, or the load generator sharing this machine, fell behind; its latencies count from each request's due time)`);
  return lines.join('\n');
}

/** `numerator / denominator = r×` for each ratio whose two figures are known (a NaN or a zero denominator is left out). */
function ratioTexts(ratios: readonly RatioSpec[], figureOf: ReadonlyMap<string, number>): string[] {
  return ratios.flatMap((r) => {
    const a = figureOf.get(r.numerator);
    const b = figureOf.get(r.denominator);
    return a !== undefined && b !== undefined && Number.isFinite(a) && Number.isFinite(b) && b > 0 ? [`${r.numerator} / ${r.denominator} = ${(a / b).toFixed(2)}×`] : [];
  });
}

function micros(value: number): string {
  return (Number.isFinite(value) ? value.toFixed(0) : '?').padStart(7);
}

function ms(value: number): string {
  return value.toFixed(value < 10 ? 2 : 1).padStart(8);
}

function errors(figures: LoadFigures): string {
  const total = figures.badBodies + figures.failures;
  return total === 0 ? '0' : `${total} (${figures.badBodies} wrong, ${figures.failures} lost)`;
}
