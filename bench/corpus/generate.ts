/**
 * Grows a large OpenAlex-shaped corpus from the shipped sample's real records (issue 14), as JSON Lines the seed CLI
 * loads, and optionally the ground truth a test needs. Deterministic: the same --seed and --works give the same
 * bytes. Streaming (writeCorpus): lines go out in 1 MB chunks as they are grown, honouring backpressure, so memory
 * stays near 17 bytes per work plus the sample, whatever the output size.
 *
 *   npm run -s corpus -- --works 100000 --seed 42 --out corpus.jsonl --truth truth.json
 *   npm run -s corpus -- --works 100000 --seed 42 | npm run seed -- -
 *
 * Progress goes to stderr (refreshed in place on a terminal, a line every few seconds otherwise), then a summary.
 * Generated corpora are never committed.
 */
import { createWriteStream, writeFileSync } from 'node:fs';
import { type Writable } from 'node:stream';
import { parseArgs } from 'node:util';

import { generateCorpus, MAX_WORKS } from './generateCorpus';
import { loadSampleCorpus } from './sampleRecords';
import { writeCorpus } from './writeCorpus';

const USAGE = `usage: npm run -s corpus -- --works N [--seed S] [--out file.jsonl|-] [--truth truth.json]

Writes N works (1 … ${MAX_WORKS}) grown from data/sample as JSON Lines, to stdout (without --out, or with --out -)
or to a file, and the ground truth (in-degree summary, top hubs, the hub's citers at depth 1-3; every work's
in-degree and the citers' ids up to 10,000 works) to --truth. --seed defaults to 42. Progress goes to stderr.`;

/** Without a terminal, a progress line at most this often (ms). */
const LOG_EVERY_MS = 5000;

const thousands = (n: number): string => Math.round(n).toLocaleString('en');
const megabytes = (bytes: number): string => `${(bytes / 1e6).toFixed(1)} MB`;

function integerOption(value: string | undefined, name: string, fallback?: number): number {
  if (value === undefined && fallback !== undefined) return fallback;
  const n = Number(value);
  if (value === undefined || !/^\d+$/.test(value) || !Number.isSafeInteger(n)) throw new Error(`--${name} must be a non-negative integer (got ${value ?? 'nothing'})`);
  return n;
}

type Progress = (phase: 'citations' | 'works', done: number, total: number) => void;

/** Progress on stderr: refreshed in place on a terminal; otherwise a line every LOG_EVERY_MS and at each phase's end. */
function progressPrinter(started: number, firstPhaseStarted: number): Progress {
  const tty = process.stderr.isTTY === true;
  // A phase starts when the previous one ends (generateCorpus reports each end with done = total).
  let phaseStarted = firstPhaseStarted;
  let lastShown = firstPhaseStarted;
  return (phase, done, total) => {
    const now = performance.now();
    const end = done >= total;
    if (now - lastShown < (tty ? 250 : LOG_EVERY_MS) && !end) return;
    lastShown = now;
    const rate = done / Math.max((now - phaseStarted) / 1000, 1e-3);
    const text = `${phase.padEnd(9)} ${thousands(done).padStart(13)} / ${thousands(total)}  ${thousands(rate).padStart(9)} works/s  ${((now - started) / 1000).toFixed(1)} s`;
    process.stderr.write(tty ? `\r${text}${end ? '\n' : ''}` : `corpus: ${text}\n`);
    if (end) phaseStarted = now;
  };
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { works: { type: 'string' }, seed: { type: 'string' }, out: { type: 'string' }, truth: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help === true || values.works === undefined) {
    console.error(USAGE);
    return values.help === true ? 0 : 2;
  }
  const works = integerOption(values.works, 'works');
  if (works < 1 || works > MAX_WORKS) throw new Error(`--works must be in 1 … ${MAX_WORKS}`);
  const seed = integerOption(values.seed, 'seed', 42);
  const toStdout = values.out === undefined || values.out === '-';
  if (toStdout && process.stdout.isTTY) throw new Error('refusing to write a corpus to a terminal: pipe it (| npm run seed -- -) or give --out file.jsonl');

  const started = performance.now();
  const sample = loadSampleCorpus();
  const out: Writable = toStdout ? process.stdout : createWriteStream(values.out as string);
  const lines = generateCorpus(sample, { works, seed, onProgress: progressPrinter(started, performance.now()) });
  // Never end stdout: the process ends once it has been flushed (exitCode below, not exit()).
  const { truth, bytes } = await writeCorpus(lines, out, { end: !toStdout });
  if (values.truth !== undefined) writeFileSync(values.truth, `${JSON.stringify(truth, null, 2)}\n`);
  const seconds = (performance.now() - started) / 1000;
  console.error(
    `corpus: ${thousands(works)} works (seed ${seed}), ${megabytes(bytes)} to ${toStdout ? 'stdout' : values.out} in ${seconds.toFixed(1)} s` +
      ` (${thousands(works / seconds)} works/s); hub ${truth.hub.id} cited ${thousands(truth.hub.inDegree)} times` +
      `${values.truth === undefined ? '' : `; truth in ${values.truth}`}`,
  );
  return 0;
}

// exitCode, not exit(): the process ends once stdout has been flushed to the pipe.
main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    // A consumer that stopped reading (`| head`) is not the generator's failure to report at length.
    const code = (err as { code?: unknown }).code;
    console.error(code === 'EPIPE' ? 'corpus: the reader closed the pipe' : `corpus failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  },
);
