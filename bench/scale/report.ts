import type { ProfileRun, ScaleProfile } from './profileRuns';
import type { ScaleQuery } from './scaleQueries';

const ms = (v: number) => (Number.isNaN(v) ? '–' : v < 10 ? v.toFixed(1) : String(Math.round(v)));
const count = (n: number) => n.toLocaleString('en-US');

/** The loads of every run: seed and reindex time, rate and peak RSS. */
export function loadTable(runs: readonly ProfileRun[]): string[] {
  const lines = ['| works | profile | load | time | works/s | peak RSS |', '|---|---|---|---|---|---|'];
  for (const r of runs) {
    for (const l of r.loads) lines.push(`| ${count(r.works)} | ${r.profile} | ${l.what} | ${l.seconds.toFixed(1)} s | ${count(Math.round(l.works / l.seconds))} | ${Math.round(l.peakRssMb)} MB |`);
  }
  return lines;
}

/**
 * One profile's queries over every size: p50 / p99 (first request) per size, the growth of p50 from the smallest
 * size to the largest, and whether the largest meets its target (p50 under it, and at most twice the smallest's).
 */
export function queryTable(profile: ScaleProfile, runs: readonly ProfileRun[], queries: readonly Pick<ScaleQuery, 'name' | 'targetMs'>[]): string[] {
  const mine = runs.filter((r) => r.profile === profile).sort((a, b) => a.works - b.works);
  if (mine.length === 0) return [];
  const smallest = mine[0] as ProfileRun;
  const largest = mine[mine.length - 1] as ProfileRun;
  const header = `| query (${profile}) | p50 target | ${mine.map((r) => `${count(r.works)}: p50 / p99 (first) ms`).join(' | ')} | p50 growth | at ${count(largest.works)} |`;
  const lines = [header, `|---|---|${mine.map(() => '---|').join('')}---|---|`];
  for (const q of queries) {
    const at = (r: ProfileRun) => r.queries.find((f) => f.name === q.name);
    const cells = mine.map((r) => {
      const f = at(r);
      if (!f) return '–';
      return `${ms(f.p50Ms)} / ${ms(f.p99Ms)} (${ms(f.firstMs)})${f.errors > 0 ? ` **${f.errors} errors**` : ''}`;
    });
    const small = at(smallest);
    const large = at(largest);
    const growth = small && large && mine.length > 1 ? large.p50Ms / small.p50Ms : Number.NaN;
    const met = large !== undefined && large.errors === 0 && large.p50Ms < q.targetMs && (Number.isNaN(growth) || growth <= 2);
    lines.push(`| ${q.name} | < ${q.targetMs} ms | ${cells.join(' | ')} | ${Number.isNaN(growth) ? '–' : `${growth.toFixed(2)}×`} | ${met ? 'meets' : 'misses'} |`);
  }
  lines.push(`| gateway RSS after the queries | | ${mine.map((r) => `${Math.round(r.gatewayRssMb)} MB`).join(' | ')} | | |`);
  lines.push(`| load average, queries start → end | | ${mine.map((r) => `${r.loadAverage[0].toFixed(1)} → ${r.loadAverage[1].toFixed(1)}`).join(' | ')} | | |`);
  return lines;
}
