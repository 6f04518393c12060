import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../../src/core/projectRoot';
import { isAlive, portOwners, processesUnder } from './support/processTable';

/*
 * scripts/services itself, run for real on the cheap stores (PostgreSQL, Redis, InfluxDB) with a SERVICES_HOME of
 * its own and free loopback ports (never the default stores): two concurrent `up`s start one server; after a
 * kill -9 of the server, `up` starts a fresh one and the pid file follows it; a pid file naming a stranger is
 * corrected by `up` and ignored by `down`, which leaves the ports closed and no process of that SERVICES_HOME alive.
 * The script's claims are checked against /proc (support/processTable.ts), not against the script's own helpers.
 */

jest.setTimeout(240_000);

const ROOT = projectRoot(__dirname);
const SCRIPT = path.join(ROOT, 'scripts', 'services');
const SCRIPT_TIMEOUT_MS = 120_000;

type CheapStore = 'postgres' | 'redis' | 'influxdb';

interface Run {
  readonly code: number | null;
  readonly output: string;
}

/** A free TCP port on the loopback interface (bound, then released). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    const done = (open: boolean) => {
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** One store under a throwaway SERVICES_HOME, on ports of its own. */
class ScriptedStore {
  readonly home: string;
  readonly pidFile: string;

  private constructor(
    readonly store: CheapStore,
    readonly port: number,
    private readonly env: NodeJS.ProcessEnv,
  ) {
    this.home = env['SERVICES_HOME'] as string;
    this.pidFile = path.join(this.home, store, `${store}.pid`);
  }

  static async create(store: CheapStore): Promise<ScriptedStore> {
    // Not mkdtemp's 0700: PostgreSQL runs as the postgres user when the tests run as root.
    const home = mkdtempSync(path.join(os.tmpdir(), `services-${store}-`));
    chmodSync(home, 0o755);
    const [port, second] = [await freePort(), await freePort()];
    const ports: Record<CheapStore, NodeJS.ProcessEnv> = {
      postgres: { POSTGRES_PORT: String(port) },
      redis: { REDIS_PORT: String(port) },
      influxdb: { INFLUX_PORT: String(port), INFLUX_RPC_PORT: String(second) },
    };
    return new ScriptedStore(store, port, { ...process.env, SERVICES_HOME: home, ...ports[store] });
  }

  run(command: 'up' | 'down' | 'status'): Promise<Run> {
    return new Promise((resolve) => {
      execFile(SCRIPT, [command, this.store], { cwd: ROOT, env: this.env, timeout: SCRIPT_TIMEOUT_MS, killSignal: 'SIGKILL' }, (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : null;
        resolve({ code, output: `${stdout}${stderr}` });
      });
    });
  }

  async expectRun(command: 'up' | 'down'): Promise<string> {
    const result = await this.run(command);
    if (result.code !== 0) throw new Error(`scripts/services ${command} ${this.store} exited with ${String(result.code)}:\n${result.output}`);
    return result.output;
  }

  pidInFile(): number {
    return Number(readFileSync(this.pidFile, 'utf8').trim());
  }

  /** The one process listening on the store's port (fails when there are none or several). */
  server(): number {
    const owners = portOwners(this.port);
    expect(owners).toHaveLength(1);
    return owners[0] as number;
  }

  /** Processes of this SERVICES_HOME that are not the server or its children (a second server, a stray). */
  strangers(server: number): number[] {
    return processesUnder(this.home)
      .filter((p) => p.pid !== server && p.ppid !== server)
      .map((p) => p.pid);
  }

  /** Whatever the script left: stopped through it, then killed, then its files removed. */
  async cleanUp(): Promise<void> {
    await this.run('down');
    for (const p of processesUnder(this.home)) {
      try {
        process.kill(p.pid, 'SIGKILL');
      } catch {
        // gone already
      }
    }
    rmSync(this.home, { recursive: true, force: true });
  }
}

describe.each<CheapStore>(['redis', 'influxdb', 'postgres'])('scripts/services with %s', (store) => {
  let s: ScriptedStore;
  let stranger: ChildProcess | undefined;

  beforeAll(async () => {
    s = await ScriptedStore.create(store);
  });

  afterAll(async () => {
    stranger?.kill('SIGKILL');
    await s.cleanUp();
  });

  it('two concurrent `up`s start one server, and the pid file names it', async () => {
    const results = await Promise.all([s.run('up'), s.run('up')]);
    for (const r of results) expect({ code: r.code, output: r.output }).toEqual({ code: 0, output: expect.any(String) });
    const server = s.server();
    expect(s.pidInFile()).toBe(server);
    expect(s.strangers(server)).toEqual([]);
    expect((await s.run('status')).code).toBe(0);
  });

  it('`up` after a kill -9 of the server starts a fresh one, and the pid file follows it', async () => {
    const killed = s.server();
    process.kill(killed, 'SIGKILL');
    await until(`port ${s.port} is closed`, async () => !(await portOpen(s.port)));
    await s.expectRun('up');
    const server = s.server();
    expect(server).not.toBe(killed);
    expect(isAlive(killed)).toBe(false);
    expect(s.pidInFile()).toBe(server);
    expect(s.strangers(server)).toEqual([]);
  });

  it('a pid file naming another process is corrected by `up`, and that process is never stopped by `down`', async () => {
    stranger = spawn('sleep', ['300'], { stdio: 'ignore' });
    const strangerPid = stranger.pid as number;
    const server = s.server();
    writeFileSync(s.pidFile, `${strangerPid}\n`);
    await s.expectRun('up');
    expect(s.pidInFile()).toBe(server);

    writeFileSync(s.pidFile, `${strangerPid}\n`);
    await s.expectRun('down');
    expect(isAlive(strangerPid)).toBe(true);
    expect(await portOpen(s.port)).toBe(false);
    expect(portOwners(s.port)).toEqual([]);
    expect(processesUnder(s.home).map((p) => `${p.pid} ${p.args.join(' ')}`)).toEqual([]);
    expect((await s.run('status')).code).toBe(1);
  });

  it('`down` when nothing runs succeeds and changes nothing; `up` then starts it again', async () => {
    expect((await s.expectRun('down'))).toMatch(/nothing of .* running/);
    await s.expectRun('up');
    const server = s.server();
    expect(s.pidInFile()).toBe(server);
    await s.expectRun('down');
    expect(processesUnder(s.home)).toEqual([]);
  });
});
