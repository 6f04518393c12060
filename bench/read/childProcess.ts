import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { closeSync, openSync, readSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** A JSON object one of the benchmark's servers printed on a line of its own. */
export type JsonLine = Readonly<Record<string, unknown>>;

/** A server the benchmark started in its own process group, with the tail of what it printed. */
export interface ServerProcess {
  readonly name: string;
  /** The pid of the spawned command (npm for the gateway; the node process itself for the others). */
  readonly commandPid: number;
  /** The last lines it printed, for a failure's message. */
  readonly tail: () => string;
  /** Resolves with the first JSON line `matches` accepts; rejects if the process exits first or `timeoutMs` passes. */
  waitForLine(matches: (line: JsonLine) => boolean, timeoutMs: number): Promise<JsonLine>;
  /** SIGTERM (or the stop signal given) to the whole group, SIGKILL after `graceMs`; resolves once no process of the group is left. */
  stop(graceMs?: number): Promise<void>;
}

const TAIL_LINES = 60;
/** How often a server's log file is read while something waits for a line of it. */
const LOG_POLL_MS = 50;

/** Reads a growing log file: the lines written since the last call, or its last lines. */
class LogReader {
  private offset = 0;
  private partial = '';

  constructor(private readonly file: string) {}

  newLines(): string[] {
    let size: number;
    try {
      size = statSync(this.file).size;
    } catch {
      return [];
    }
    if (size <= this.offset) return [];
    const fd = openSync(this.file, 'r');
    try {
      const buffer = Buffer.alloc(size - this.offset);
      readSync(fd, buffer, 0, buffer.length, this.offset);
      this.offset = size;
      const lines = (this.partial + buffer.toString('utf8')).split('\n');
      this.partial = lines.pop() ?? '';
      return lines;
    } finally {
      closeSync(fd);
    }
  }

  /** The last `count` lines (of its last 64 KiB). */
  tail(count: number): string {
    try {
      const size = statSync(this.file).size;
      const length = Math.min(size, 64 * 1024);
      const fd = openSync(this.file, 'r');
      try {
        const buffer = Buffer.alloc(length);
        readSync(fd, buffer, 0, length, size - length);
        return buffer.toString('utf8').split('\n').slice(-count - 1).join('\n');
      } finally {
        closeSync(fd);
      }
    } catch {
      return '(no output)';
    }
  }
}

export interface SpawnServerOptions {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  /** Runs it as this user (PostgreSQL refuses to run as root). */
  readonly user?: { readonly uid: number; readonly gid: number };
  /** What stop() sends first (PostgreSQL: SIGINT, its fast shutdown); SIGTERM unless given. */
  readonly stopSignal?: NodeJS.Signals;
}

/**
 * Spawns `command args` detached (its own process group, as a terminal would start it, so Ctrl-C on the benchmark
 * never reaches it unannounced and stopping it stops npm and node alike). Its output goes to a file of its own
 * (removed when it stops), never through a pipe into this process: the load generator runs here, and reading a
 * gateway's request log lines while it measures would slow the generator down for the endpoints that log.
 */
export function spawnServer(name: string, command: string, args: readonly string[], options: SpawnServerOptions): ServerProcess {
  const logFile = path.join(os.tmpdir(), `openalex-bench-${name.replace(/[^A-Za-z0-9]+/g, '-')}-${randomUUID()}.log`);
  const fd = openSync(logFile, 'a');
  let child: ChildProcess;
  try {
    child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env,
      detached: true,
      stdio: ['ignore', fd, fd],
      ...(options.user ? { uid: options.user.uid, gid: options.user.gid } : {}),
    });
  } finally {
    closeSync(fd);
  }
  const stopSignal = options.stopSignal ?? 'SIGTERM';
  if (child.pid === undefined) throw new Error(`${name}: could not spawn ${command}`);
  const pgid = child.pid;
  const reader = new LogReader(logFile);
  const waiters = new Set<{ matches: (line: JsonLine) => boolean; resolve: (line: JsonLine) => void }>();
  const poll = setInterval(() => {
    if (waiters.size === 0) return;
    for (const text of reader.newLines()) {
      if (!text.startsWith('{')) continue;
      let line: JsonLine;
      try {
        line = JSON.parse(text) as JsonLine;
      } catch {
        continue;
      }
      for (const waiter of waiters) if (waiter.matches(line)) waiter.resolve(line);
    }
  }, LOG_POLL_MS);
  let exit: string | undefined;
  const exited = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exit = `exited (code ${String(code)}, signal ${String(signal)})`;
      resolve();
    });
  });
  const tail = () => reader.tail(TAIL_LINES);

  return {
    name,
    commandPid: pgid,
    tail,
    waitForLine: (matches, timeoutMs) =>
      new Promise<JsonLine>((resolve, reject) => {
        const waiter = {
          matches,
          resolve: (line: JsonLine) => {
            settle();
            resolve(line);
          },
        };
        const timer = setTimeout(() => {
          settle();
          reject(new Error(`${name} did not get ready within ${Math.round(timeoutMs / 1000)} s\n--- its last lines ---\n${tail()}`));
        }, timeoutMs);
        const settle = () => {
          clearTimeout(timer);
          waiters.delete(waiter);
        };
        waiters.add(waiter);
        void exited.then(() => {
          if (!waiters.has(waiter)) return;
          settle();
          reject(new Error(`${name} ${exit ?? 'exited'} before it got ready\n--- its last lines ---\n${tail()}`));
        });
      }),
    stop: async (graceMs = 15_000) => {
      clearInterval(poll);
      try {
        if (!signalGroup(pgid, stopSignal)) return;
        if (await groupGone(pgid, graceMs)) return;
        console.error(`${name}: still running ${Math.round(graceMs / 1000)} s after ${stopSignal}; sending SIGKILL`);
        signalGroup(pgid, 'SIGKILL');
        await groupGone(pgid, 5_000);
      } finally {
        rmSync(logFile, { force: true });
      }
    },
  };
}

/** Sends `signal` to process group `pgid`; false when no process of it is left. */
function signalGroup(pgid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false;
  }
}

async function groupGone(pgid: number, withinMs: number): Promise<boolean> {
  const deadline = performance.now() + withinMs;
  while (performance.now() < deadline) {
    if (!signalGroup(pgid, 0)) return true;
    await sleep(50);
  }
  return !signalGroup(pgid, 0);
}
