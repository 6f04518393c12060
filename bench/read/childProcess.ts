import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
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
 * never reaches it unannounced and stopping it stops npm and node alike). Output goes through a pipe that is always
 * drained (a full pipe would stall the server), keeping only the last lines.
 */
export function spawnServer(name: string, command: string, args: readonly string[], options: SpawnServerOptions): ServerProcess {
  const child: ChildProcess = spawn(command, args, {
    cwd: options.cwd,
    env: options.env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(options.user ? { uid: options.user.uid, gid: options.user.gid } : {}),
  });
  const stopSignal = options.stopSignal ?? 'SIGTERM';
  if (child.pid === undefined) throw new Error(`${name}: could not spawn ${command}`);
  const pgid = child.pid;
  const lines: string[] = [];
  const waiters = new Set<{ matches: (line: JsonLine) => boolean; resolve: (line: JsonLine) => void }>();
  for (const stream of [child.stdout, child.stderr]) {
    if (!stream) continue;
    createInterface({ input: stream }).on('line', (text) => {
      lines.push(text);
      if (lines.length > TAIL_LINES) lines.shift();
      if (waiters.size === 0 || !text.startsWith('{')) return;
      let line: JsonLine;
      try {
        line = JSON.parse(text) as JsonLine;
      } catch {
        return;
      }
      for (const waiter of waiters) if (waiter.matches(line)) waiter.resolve(line);
    });
  }
  let exit: string | undefined;
  const exited = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exit = `exited (code ${String(code)}, signal ${String(signal)})`;
      resolve();
    });
  });
  const tail = () => lines.join('\n');

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
      if (!signalGroup(pgid, stopSignal)) return;
      if (await groupGone(pgid, graceMs)) return;
      console.error(`${name}: still running ${Math.round(graceMs / 1000)} s after ${stopSignal}; sending SIGKILL`);
      signalGroup(pgid, 'SIGKILL');
      await groupGone(pgid, 5_000);
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
