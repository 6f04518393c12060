import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { CONFIG_VARIABLES } from '../../src/configVariables';

/** One JSON log line of the gateway. */
export interface LogLine {
  readonly level: number;
  readonly msg: string;
  readonly [key: string]: unknown;
}

/** How the process ended, and how long after `signal` (or the start, if never signalled). */
export interface ProcessExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly msAfterSignal: number;
}

/** A gateway running as its own process, the way users start it. */
export interface GatewayProcess {
  /** `http://127.0.0.1:<port>` (empty when waiting for an earlier line than `gateway ready`). */
  readonly base: string;
  /** The GraphQL endpoint (likewise). */
  readonly url: string;
  /** The pid of the gateway's node process (from its log lines), which may be a child of `npm`. */
  readonly pid: number;
  readonly logs: LogLine[];
  /** Everything the process wrote that was not a JSON line (npm's banner, warnings, crashes). */
  readonly otherOutput: string[];
  readonly exited: Promise<ProcessExit>;
  /** Sends `signal` to the gateway's node process, to the process group (a terminal's Ctrl-C) or to the spawned command (npm). */
  signal(signal: NodeJS.Signals, target?: 'gateway' | 'group' | 'command'): void;
  /** SIGKILLs the whole group if it is still running, and removes the temporary data folder. */
  kill(): Promise<void>;
}

export interface SpawnOptions {
  readonly cwd: string;
  /** The log message to wait for (default `gateway ready`, which carries the URL). */
  readonly waitFor?: string;
  /** The data folder to use (default: a new temporary one, removed by `kill`). */
  readonly dataDir?: string;
  /** Added to the environment (see defaultGatewayEnv). */
  readonly env?: Record<string, string>;
  readonly readyTimeoutMs?: number;
}

/**
 * The environment a user's shell would give the gateway: this process's environment minus NODE_ENV (jest sets it
 * to `test`, which users never do) and minus every gateway variable (CI exports the stores' URLs), plus a free
 * port on loopback and a fresh data folder, so the process gets the embedded defaults.
 */
export function defaultGatewayEnv(dataDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env['NODE_ENV'];
  for (const name of Object.keys(CONFIG_VARIABLES)) delete env[name];
  return { ...env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: path.join(dataDir, 'pglite'), AUTH_DEV_SECRET_FILE: path.join(dataDir, 'dev-jwt-secret') };
}

/**
 * Spawns `command args` in its own process group (as a terminal would), collects its JSON log lines and resolves
 * once it logged `gateway ready` with its URL and pid. Rejects, with the output so far, if it exits or stays
 * silent for `readyTimeoutMs` (default 90 s: the first start seeds the sample).
 */
export async function spawnGateway(command: string, args: readonly string[], options: SpawnOptions): Promise<GatewayProcess> {
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'gateway-process-'));
  const child: ChildProcess = spawn(command, args, {
    cwd: options.cwd,
    env: { ...defaultGatewayEnv(dataDir), ...options.env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: LogLine[] = [];
  const otherOutput: string[] = [];
  let signalledAt: number | undefined;
  const started = performance.now();
  const exited = new Promise<ProcessExit>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal, msAfterSignal: Math.round(performance.now() - (signalledAt ?? started)) }));
  });
  for (const stream of [child.stdout, child.stderr]) {
    if (!stream) continue;
    createInterface({ input: stream }).on('line', (line) => {
      try {
        logs.push(JSON.parse(line) as LogLine);
      } catch {
        otherOutput.push(line);
      }
    });
  }
  const removeData = () => {
    if (options.dataDir === undefined) rmSync(dataDir, { recursive: true, force: true });
  };
  const killGroup = () => {
    try {
      process.kill(-(child.pid as number), 'SIGKILL');
    } catch {
      // already gone
    }
  };
  const ready = await waitForLine(logs, exited, options.waitFor ?? 'gateway ready', options.readyTimeoutMs ?? 90_000).catch((err: unknown) => {
    killGroup();
    removeData();
    throw new Error(`${String(err)}\n--- output ---\n${[...otherOutput, ...logs.map((l) => JSON.stringify(l))].slice(-40).join('\n')}`);
  });
  const base = ready.url === undefined ? '' : new URL(ready.url).origin;
  return {
    base,
    url: ready.url ?? '',
    pid: ready.pid,
    logs,
    otherOutput,
    exited,
    signal: (signal, target = 'gateway') => {
      signalledAt = performance.now();
      if (target === 'gateway') process.kill(ready.pid, signal);
      else if (target === 'group') process.kill(-(child.pid as number), signal);
      else child.kill(signal);
    },
    kill: async () => {
      if (child.exitCode === null && child.signalCode === null) killGroup();
      await exited;
      removeData();
    },
  };
}

async function waitForLine(logs: readonly LogLine[], exited: Promise<ProcessExit>, msg: string, timeoutMs: number): Promise<{ url: string | undefined; pid: number }> {
  let gone: ProcessExit | undefined;
  void exited.then((e) => {
    gone = e;
  });
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const line = logs.find((l) => l.msg === msg);
    if (line && typeof line['pid'] === 'number') return { url: typeof line['url'] === 'string' ? line['url'] : undefined, pid: line['pid'] };
    if (gone) throw new Error(`the gateway exited before it logged "${msg}" (code ${String(gone.code)}, signal ${String(gone.signal)})`);
    if (performance.now() > deadline) throw new Error(`the gateway did not log "${msg}" within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The log lines with this message. */
export function linesWith(logs: readonly LogLine[], msg: string): LogLine[] {
  return logs.filter((l) => l.msg === msg);
}
