import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { commandOutput } from '../read/runCommand';

/** What a command run through GNU time printed and used. */
export interface TimedRun {
  readonly stdout: string;
  readonly seconds: number;
  /** The largest resident set of any process of it (GNU time's %M: the children's ru_maxrss), in MB. */
  readonly peakRssMb: number;
}

/**
 * Runs `command args` under /usr/bin/time to its end, its stderr passed through (progress), its stdout kept, and
 * kills it (SIGTERM) past `timeoutMs`. Rejects unless it exits 0.
 */
export async function timedCommand(command: string, args: readonly string[], options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs: number }): Promise<TimedRun> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'openalex-bench-time-'));
  const figures = path.join(dir, 'time.txt');
  try {
    const started = performance.now();
    const stdout = await commandOutput('/usr/bin/time', ['-o', figures, '-f', '%M', command, ...args], { ...options, keepStdout: true });
    const seconds = (performance.now() - started) / 1000;
    const kb = Number(readFileSync(figures, 'utf8').trim().split('\n').at(-1));
    return { stdout, seconds, peakRssMb: kb / 1024 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
