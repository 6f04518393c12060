import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { spawnServer } from './childProcess';
import { type Cleanup } from './cleanup';
import { freePort } from './ports';
import { runCommand } from './runCommand';

/** A store server the benchmark started for itself: where it listens, and its process. */
export interface OwnServer {
  readonly url: string;
  readonly pid: number;
  /** What it is, for the report: `PostgreSQL 15.14`, `Redis 7.0.15`. */
  readonly version: string;
}

/** The newest of Debian's PostgreSQL installations (/usr/lib/postgresql/<major>/bin with initdb and postgres), if any. */
export function postgresBinaries(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const majors = readdirSync(root)
    .filter((v) => /^\d+$/.test(v))
    .sort((a, b) => Number(b) - Number(a));
  for (const major of majors) {
    const bin = path.join(root, major, 'bin');
    if (existsSync(path.join(bin, 'initdb')) && existsSync(path.join(bin, 'postgres'))) return bin;
  }
  return undefined;
}

/** redis-server on the PATH, if any. */
export function redisBinary(): string | undefined {
  for (const dir of (process.env['PATH'] ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, 'redis-server');
    if (dir && existsSync(candidate)) return candidate;
  }
  return undefined;
}

/**
 * A PostgreSQL cluster of its own: initdb into a temporary folder (trust auth for `postgres`, UTF-8, C locale),
 * then `postgres` on 127.0.0.1 and a free port of the benchmark's range, its socket in that folder. When this
 * process is root, both run as the `postgres` user (PostgreSQL refuses root). fsync is off: the benchmark reads,
 * and nothing it writes needs to survive a crash. Stopped (fast shutdown) and the folder removed by `cleanup`.
 */
export async function startOwnPostgres(bin: string, cleanup: Cleanup): Promise<OwnServer> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'openalex-bench-read-pg-'));
  cleanup.add('PostgreSQL data folder', async () => rmSync(dir, { recursive: true, force: true }));
  const user = process.getuid?.() === 0 ? userIds('postgres') : undefined;
  if (user) chownSync(dir, user.uid, user.gid);
  const data = path.join(dir, 'data');
  const env = { PATH: process.env['PATH'] ?? '/usr/bin:/bin', LANG: 'C', LC_ALL: 'C' };
  await runCommand(path.join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync'], {
    cwd: dir,
    env,
    timeoutMs: 120_000,
    ...(user ? { user } : {}),
  });
  const port = await freePort();
  const settings = ['listen_addresses=127.0.0.1', `port=${port}`, `unix_socket_directories=${dir}`, 'fsync=off', 'synchronous_commit=off', 'full_page_writes=off', 'max_connections=200'];
  const server = spawnServer('PostgreSQL', path.join(bin, 'postgres'), ['-D', data, ...settings.flatMap((s) => ['-c', s])], { cwd: dir, env, stopSignal: 'SIGINT', ...(user ? { user } : {}) });
  cleanup.add('PostgreSQL', () => server.stop());
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const version = await waitForPostgres(url, 60_000, server.tail);
  return { url, pid: server.commandPid, version: `PostgreSQL ${version}` };
}

/**
 * A Redis of its own on 127.0.0.1 and a free port of the benchmark's range: no persistence, bounded memory with
 * LRU eviction (as the gateway's cache expects of a Redis). Stopped by `cleanup`.
 */
export async function startOwnRedis(binary: string, cleanup: Cleanup): Promise<OwnServer> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'openalex-bench-read-redis-'));
  cleanup.add('Redis folder', async () => rmSync(dir, { recursive: true, force: true }));
  const port = await freePort();
  const args = ['--bind', '127.0.0.1', '--port', String(port), '--dir', dir, '--save', '', '--appendonly', 'no', '--maxmemory', '256mb', '--maxmemory-policy', 'allkeys-lru'];
  const server = spawnServer('Redis', binary, args, { cwd: dir, env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin' } });
  cleanup.add('Redis', () => server.stop());
  const deadline = performance.now() + 30_000;
  while (!/Ready to accept connections/.test(server.tail())) {
    if (performance.now() > deadline) throw new Error(`Redis did not get ready within 30 s\n--- its last lines ---\n${server.tail()}`);
    await sleep(50);
  }
  const version = /v=(\d+\.\d+\.\d+)/.exec(execFileSync(binary, ['--version'], { encoding: 'utf8' }))?.[1] ?? '?';
  return { url: `redis://127.0.0.1:${port}`, pid: server.commandPid, version: `Redis ${version}` };
}

/** Connects until the server answers (it is still starting), returning its `server_version`. */
async function waitForPostgres(url: string, withinMs: number, tail: () => string): Promise<string> {
  const deadline = performance.now() + withinMs;
  for (;;) {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
    try {
      await client.connect();
      const { rows } = await client.query<{ server_version: string }>('SHOW server_version');
      return rows[0]?.server_version ?? '?';
    } catch (err) {
      if (performance.now() > deadline) throw new Error(`PostgreSQL did not answer within ${withinMs / 1000} s (${String(err)})\n--- its last lines ---\n${tail()}`);
      await sleep(100);
    } finally {
      await client.end().catch(() => undefined);
    }
  }
}

function userIds(name: string): { uid: number; gid: number } {
  const uid = Number(execFileSync('id', ['-u', name], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', name], { encoding: 'utf8' }).trim());
  return { uid, gid };
}
