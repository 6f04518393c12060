import path from 'node:path';
import { type Cleanup } from './cleanup';
import { spawnServer, type ServerProcess } from './childProcess';
import { cleanEnvironment } from './environment';
import { POSTGRAPHILE_DIR, REPOSITORY_ROOT } from './paths';
import { freePort } from './ports';

/** A GraphQL (or plain HTTP) endpoint the benchmark loads, served by a process it started. */
export interface Endpoint {
  /** How the report names it: `gateway pg+redis`, `PostGraphile`, … */
  readonly name: string;
  /** Where requests go (the POST target). */
  readonly url: string;
  /** The process whose memory the report gives: the gateway's node process, not npm. */
  readonly pid: number;
  readonly process: ServerProcess;
  /** Stops the process now rather than at the end of the run. */
  readonly stop: () => Promise<void>;
}

/** The gateway's store profiles of the benchmarks; `stores` passes store variables as given (bench/scale). */
export type GatewayProfile =
  | { readonly kind: 'postgres'; readonly databaseUrl: string; readonly redisUrl: string }
  | { readonly kind: 'embedded' }
  | { readonly kind: 'stores'; readonly env: Readonly<Record<string, string>> };

function storeVariables(profile: GatewayProfile): Record<string, string> {
  switch (profile.kind) {
    case 'postgres':
      return { DATABASE_URL: profile.databaseUrl, REDIS_URL: profile.redisUrl };
    case 'embedded':
      return { DATA_DIR: 'memory://' };
    case 'stores':
      return { ...profile.env };
  }
}

const GATEWAY_READY_MS = 180_000;

/**
 * Starts the gateway as users start it — `npm start` from the repository root, NODE_ENV=production, default log
 * level — on loopback and a free port of the benchmark's range, with the profile's stores and nothing else (citations, trends and search
 * then come from PostgreSQL, as for the peer): `postgres` is DATABASE_URL + REDIS_URL, `embedded` is PGlite in
 * memory (DATA_DIR=memory://) loaded with the shipped sample on start and the in-process LRU; `stores` is the
 * variables it names.
 */
export async function startGateway(name: string, profile: GatewayProfile, responseCache: 'on' | 'off', cleanup: Cleanup): Promise<Endpoint> {
  const env = cleanEnvironment({ ...storeVariables(profile), NODE_ENV: 'production', HOST: '127.0.0.1', PORT: String(await freePort()), RESPONSE_CACHE: responseCache });
  const server = spawnServer(name, 'npm', ['start'], { cwd: REPOSITORY_ROOT, env });
  const stop = cleanup.add(name, () => server.stop());
  const ready = await server.waitForLine((l) => l['msg'] === 'gateway ready' && typeof l['pid'] === 'number' && typeof l['url'] === 'string', GATEWAY_READY_MS);
  return { name, url: ready['url'] as string, pid: ready['pid'] as number, process: server, stop };
}

/**
 * Starts PostGraphile (bench/peers/postgraphile/server.mjs) on `databaseUrl`, NODE_ENV=production, on loopback and
 * a free port of the benchmark's range. Its folder's dependencies must be installed (ensureInstalled).
 */
export async function startPostGraphile(name: string, databaseUrl: string, cleanup: Cleanup): Promise<Endpoint> {
  const env = cleanEnvironment({ NODE_ENV: 'production' });
  const server = spawnServer(name, process.execPath, [path.join(POSTGRAPHILE_DIR, 'server.mjs'), databaseUrl, String(await freePort())], { cwd: POSTGRAPHILE_DIR, env });
  const stop = cleanup.add(name, () => server.stop());
  const ready = await server.waitForLine((l) => l['ready'] === true && typeof l['url'] === 'string', 120_000);
  return { name, url: ready['url'] as string, pid: server.commandPid, process: server, stop };
}

/**
 * Starts the raw node `http` server (rawReplayServer.ts) answering every request with the bytes in `bodyFile`
 * and `contentType`: the most any server can do for a cached answer on this machine.
 */
export async function startRawReplay(name: string, bodyFile: string, contentType: string, cleanup: Cleanup): Promise<Endpoint> {
  const script = path.join(__dirname, 'rawReplayServer.ts');
  const server = spawnServer(name, process.execPath, ['--import', 'tsx', script, bodyFile, contentType, String(await freePort())], { cwd: REPOSITORY_ROOT, env: cleanEnvironment() });
  const stop = cleanup.add(name, () => server.stop());
  const ready = await server.waitForLine((l) => l['ready'] === true && typeof l['url'] === 'string', 60_000);
  return { name, url: ready['url'] as string, pid: server.commandPid, process: server, stop };
}
