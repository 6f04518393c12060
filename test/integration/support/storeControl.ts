import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { projectRoot } from '../../../src/core/projectRoot';
import { type IntegrationStore, storeEndpoints } from '../../support/storeEndpoints';
import { describeStore } from './describeStore';

/**
 * Stopping and starting a real store from a fault test, through the repository's own `scripts/services`
 * (the same commands a developer types), so a test sees exactly what an outage of a real server looks like.
 */

const ROOT = projectRoot(__dirname);
const SERVICES_SCRIPT = path.join(ROOT, 'scripts', 'services');
// scripts/services keeps each store's files (pid, log, data) under ${SERVICES_HOME:-$ROOT/.services}/<store>.
const SERVICES_HOME = path.resolve(ROOT, process.env['SERVICES_HOME'] ?? '.services');

/** The port each store's URL scheme implies when the URL names none. */
const DEFAULT_PORTS: Record<IntegrationStore, number> = {
  postgres: 5432,
  redis: 6379,
  influxdb: 8086,
  neo4j: 7687,
  elasticsearch: 9200,
};

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);
const POLL_MS = 200;

/** A stop or start that did not do what it should; the message carries the script output and the log tail. */
export class StoreControlError extends Error {
  override readonly name = 'StoreControlError';
  constructor(
    readonly store: IntegrationStore,
    message: string,
  ) {
    super(`${store}: ${message}`);
  }
}

/** Host and port the tests reach the store at (from storeEndpoints, i.e. the gateway's variables). */
function endpointAddress(store: IntegrationStore): { host: string; port: number } {
  const url = new URL(storeEndpoints[store]);
  return { host: url.hostname, port: url.port === '' ? DEFAULT_PORTS[store] : Number(url.port) };
}

function pidFile(store: IntegrationStore): string {
  return path.join(SERVICES_HOME, store, `${store}.pid`);
}

/**
 * Why this run cannot stop and start the store, or undefined when it can: the store's endpoint is on this
 * machine and scripts/services started it (its pid file names a live process). Synchronous, for use while
 * jest collects tests.
 */
export function storeControlProblem(store: IntegrationStore): string | undefined {
  const { host } = endpointAddress(store);
  if (!LOOPBACK_HOSTS.has(host)) return `its endpoint ${storeEndpoints[store]} is not on this machine`;
  const file = pidFile(store);
  if (!existsSync(file)) return `it was not started by scripts/services (no pid file ${file})`;
  const pid = Number(readFileSync(file, 'utf8').trim());
  if (!Number.isInteger(pid) || pid <= 0) return `its pid file ${file} holds no pid`;
  try {
    process.kill(pid, 0); // signal 0: only asks whether the process exists
  } catch (err) {
    // EPERM: it exists but belongs to another user, so this run could not stop it either.
    return `its pid file ${file} names pid ${pid}, which is not running or not ours (${(err as NodeJS.ErrnoException).code})`;
  }
  return undefined;
}

/** True when a fault test may stop and restart the store: scripts/services started it, on this machine. */
export function isStoreControllable(store: IntegrationStore): boolean {
  return storeControlProblem(store) === undefined;
}

/**
 * `describe` for fault tests that stop and restart one store. Runs `fn` through describeStore (so an
 * unreachable store is reported the same way) when the store is controllable. Otherwise: with CI=true the
 * block becomes one failing test saying why; outside CI it is skipped, with a loud line on stderr.
 */
export function describeControlledStore(store: IntegrationStore, name: string, fn: () => void): void {
  const problem = storeControlProblem(store);
  if (problem === undefined) {
    describeStore(store, name, fn);
  } else if (process.env['CI'] === 'true') {
    describe(`[${store}] ${name}`, () => {
      it(`needs ${store} started by scripts/services`, () => {
        throw new Error(`cannot stop and restart ${store}: ${problem} (run: scripts/services up ${store})`);
      });
    });
  } else {
    process.stderr.write(
      `\n!!! ${store} cannot be stopped and restarted by this run: ${problem} — its fault tests are SKIPPED (run: scripts/services up ${store})\n`,
    );
    describe.skip(`[${store}] ${name} (store not controllable)`, fn);
  }
}

/** Whether something accepts TCP connections at the store's endpoint right now (a refusal or timeout is false). */
export function storeAcceptsConnections(store: IntegrationStore, timeoutMs = 1000): Promise<boolean> {
  const { host, port } = endpointAddress(store);
  return new Promise((resolve) => {
    const socket = net.connect({ host: host.replace(/^\[|\]$/g, ''), port });
    const done = (open: boolean) => {
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

interface ScriptResult {
  ok: boolean;
  output: string;
  /** Why it failed: exit code, signal or timeout. */
  failure?: string;
}

/** Runs `scripts/services CMD STORE` from the repository root, killed after timeoutMs. Never rejects. */
function runServices(cmd: 'up' | 'down' | 'logs', store: IntegrationStore, timeoutMs: number): Promise<ScriptResult> {
  return new Promise((resolve) => {
    execFile(
      SERVICES_SCRIPT,
      [cmd, store],
      { cwd: ROOT, timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 4 * 1024 * 1024, env: { ...process.env, LINES_OF_LOG: '40' } },
      (error, stdout, stderr) => {
        const output = `${stdout}${stderr}`.trim();
        if (error === null) {
          resolve({ ok: true, output });
          return;
        }
        const failure = error.killed
          ? `timed out after ${Math.round(timeoutMs / 1000)}s`
          : error.code !== undefined && error.code !== null
            ? `exited with ${String(error.code)}`
            : `ended by ${String(error.signal)}`;
        resolve({ ok: false, output, failure });
      },
    );
  });
}

/** The tail of the store's log, as `scripts/services logs` prints it (for error messages). */
async function logTail(store: IntegrationStore): Promise<string> {
  const result = await runServices('logs', store, 10_000);
  return result.ok ? result.output : `(could not read the log: ${result.failure ?? 'unknown'})\n${result.output}`;
}

async function fail(store: IntegrationStore, what: string, scriptOutput: string): Promise<never> {
  const output = scriptOutput === '' ? '' : `\n--- script output ---\n${tail(scriptOutput, 30)}`;
  throw new StoreControlError(store, `${what}${output}\n--- log ---\n${await logTail(store)}`);
}

function tail(text: string, lines: number): string {
  return text.split('\n').slice(-lines).join('\n');
}

/** Polls until the store's port is open (wantOpen) or refuses; false when deadline passes first. */
async function waitForPort(store: IntegrationStore, wantOpen: boolean, deadline: number): Promise<boolean> {
  for (;;) {
    if ((await storeAcceptsConnections(store, Math.max(100, Math.min(1000, deadline - Date.now())))) === wantOpen) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

export interface StoreControlOptions {
  /** Upper bound for the whole step, script and port check together. */
  timeoutMs?: number;
}

/**
 * Stops the store with `scripts/services down STORE` and resolves once its port refuses connections.
 * Rejects with a StoreControlError (script output and log tail included) when the script fails, or the
 * port still accepts connections when timeoutMs (default 60 s) is up. Call only on a controllable store:
 * for one scripts/services did not start, `down` does nothing and the port stays open.
 */
export async function stopStore(store: IntegrationStore, options: StoreControlOptions = {}): Promise<void> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  const deadline = Date.now() + timeoutMs;
  const result = await runServices('down', store, timeoutMs);
  if (!result.ok) await fail(store, `scripts/services down ${store} ${result.failure ?? 'failed'}`, result.output);
  if (!(await waitForPort(store, false, deadline))) {
    await fail(store, `${storeEndpoints[store]} still accepts connections ${timeoutMs} ms after scripts/services down`, result.output);
  }
}

/**
 * Starts the store with `scripts/services up STORE` (which waits until the store answers) and resolves once
 * its port accepts connections, with how long that took from the call. Rejects with a StoreControlError
 * (script output and log tail included) when the script fails or times out (default 180 s).
 */
export async function startStore(store: IntegrationStore, options: StoreControlOptions = {}): Promise<{ readyAfterMs: number }> {
  const timeoutMs = options.timeoutMs ?? 180_000;
  const started = Date.now();
  const deadline = started + timeoutMs;
  const result = await runServices('up', store, timeoutMs);
  if (!result.ok) await fail(store, `scripts/services up ${store} ${result.failure ?? 'failed'}`, result.output);
  if (!(await waitForPort(store, true, deadline))) {
    await fail(store, `${storeEndpoints[store]} refuses connections although scripts/services up succeeded`, result.output);
  }
  return { readyAfterMs: Date.now() - started };
}
