import { cleanEnvironment } from '../read/environment';
import { REPOSITORY_ROOT } from '../read/paths';
import { timedCommand } from './timedCommand';

/** One timed load: `npm run seed` of the whole corpus, or `npm run reindex` of one store from PostgreSQL. */
export interface LoadFigures {
  /** What was written: `PostgreSQL`, `all five stores`, `Elasticsearch (reindex)`, `embedded PGlite`, … */
  readonly what: string;
  readonly works: number;
  readonly seconds: number;
  readonly peakRssMb: number;
}

const HOUR_MS = 3_600_000;

/** `npm run -s seed -- <file>` with exactly the store variables `stores` (LOG_LEVEL warn), as a user runs it. */
export async function timedSeed(what: string, file: string, stores: Readonly<Record<string, string>>, log: (line: string) => void): Promise<LoadFigures> {
  log(`seed into ${what}…`);
  const run = await timedCommand('npm', ['run', '-s', 'seed', '--', file], { cwd: REPOSITORY_ROOT, env: cleanEnvironment({ ...stores, LOG_LEVEL: 'warn' }), timeoutMs: 6 * HOUR_MS });
  const works = Number(/^\s+works\s+(\d+)$/m.exec(run.stdout)?.[1]);
  const rejected = Number(/^\s+rejected\s+(\d+)$/m.exec(run.stdout)?.[1]);
  if (!Number.isSafeInteger(works) || rejected !== 0) throw new Error(`the seed into ${what} did not load every record:\n${run.stdout.slice(-2000)}`);
  log(`  ${works} works in ${run.seconds.toFixed(1)} s (${Math.round(works / run.seconds)} works/s), peak RSS ${Math.round(run.peakRssMb)} MB`);
  return { what, works, seconds: run.seconds, peakRssMb: run.peakRssMb };
}

/** `npm run -s reindex -- --store <store>`: its own figure (the rebuild, without start-up) and the process's peak RSS. */
export async function timedReindex(what: string, store: string, stores: Readonly<Record<string, string>>, log: (line: string) => void): Promise<LoadFigures> {
  log(`reindex ${store}…`);
  const run = await timedCommand('npm', ['run', '-s', 'reindex', '--', '--store', store], { cwd: REPOSITORY_ROOT, env: cleanEnvironment({ ...stores, LOG_LEVEL: 'warn' }), timeoutMs: 6 * HOUR_MS });
  const line = new RegExp(`^${store}\\s+(\\d+) works.*\\s(\\d+(?:\\.\\d+)?) s$`, 'm').exec(run.stdout);
  if (!line) throw new Error(`reindex ${store} printed no figure:\n${run.stdout.slice(-2000)}`);
  const works = Number(line[1]);
  const seconds = Number(line[2]);
  log(`  ${works} works in ${seconds.toFixed(1)} s (${Math.round(works / seconds)} works/s), peak RSS ${Math.round(run.peakRssMb)} MB`);
  return { what, works, seconds, peakRssMb: run.peakRssMb };
}
