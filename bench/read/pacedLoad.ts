import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type LoadFigures } from './loadFigures';
import { REPOSITORY_ROOT } from './paths';
import { commandOutput } from './runCommand';

/** What the paced load's own process is asked to do (bench/read/pacedLoadProcess.ts reads it from a file). */
export interface PacedLoadJob {
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body: string;
  /** The answer every response must repeat, base64. */
  readonly expectedBase64: string;
  readonly rate: number;
  readonly seconds: number;
  readonly connections: number;
  /** The serving process, whose CPU time is read around the counted run. */
  readonly serverPid: number;
}

/** A paced run's figures, and the serving process's CPU time per response during it (µs; NaN without /proc). */
export interface PacedFigures {
  readonly figures: LoadFigures;
  readonly cpuMicros: number;
}

/**
 * Latency at a constant rate: `rate` requests per second, evenly spaced, for `seconds`, over at most `connections`
 * keep-alive connections (the rest wait for one). A request's latency runs from the moment it was due, not from
 * when a connection was free, so a server that falls behind shows it in the percentiles instead of slowing the load
 * (no coordinated omission). autocannon's own rate limit is not used: it sends each connection's budget for a
 * second back to back and then waits, so half the maximum rate there is full load half the time. Bodies are
 * compared with `expected` byte for byte, as in closedLoop. The CPU time of `serverPid` is read around the counted
 * run only (not the load's own warm-up).
 *
 * The load runs in a process of its own (pacedLoadProcess.ts, undici's pool from bench/tools): node's `http` client
 * in the benchmark's process — which holds the embedded reference database and autocannon's histograms — fell
 * behind near 6,000 rps on the 2-core machine (p99 150 ms against the raw server), so its tail was the generator's.
 */
export async function pacedLoad(
  url: string,
  request: { headers: Record<string, string>; body: string },
  expected: Buffer,
  options: { rate: number; seconds: number; connections: number; serverPid: number },
): Promise<PacedFigures> {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'openalex-bench-paced-'));
  try {
    const jobFile = path.join(folder, 'job.json');
    const job: PacedLoadJob = { url, headers: request.headers, body: request.body, expectedBase64: expected.toString('base64'), ...options };
    writeFileSync(jobFile, JSON.stringify(job));
    const out = await commandOutput(process.execPath, ['--import', 'tsx', path.join(__dirname, 'pacedLoadProcess.ts'), jobFile], {
      cwd: REPOSITORY_ROOT,
      keepStdout: true,
      timeoutMs: (options.seconds + 60) * 1000,
    });
    return JSON.parse(out) as PacedFigures;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
