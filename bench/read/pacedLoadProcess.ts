/**
 * The constant-rate load of bench/read/pacedLoad.ts, in a process of its own:
 *
 *   node --import tsx bench/read/pacedLoadProcess.ts <job.json>
 *
 * Reads the job (PacedLoadJob), sends its requests on schedule through undici's connection pool (bench/tools) —
 * first WARMUP_SECONDS at the same rate, not counted (a fresh process's code is not compiled yet: counted from its
 * first request, its own warm-up was the p99), then the counted run — and prints the counted run's figures
 * (PacedFigures: with the serving process's CPU per response over it) as one JSON object on stdout.
 */
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { type LoadFigures } from './loadFigures';
import { requireFrom } from './packageFolder';
import { type PacedFigures, type PacedLoadJob } from './pacedLoad';
import { TOOLS_DIR } from './paths';
import { cpuMicrosPerResponse, cpuSeconds } from './processCpu';

/** The part of undici's API used here (its version is pinned in bench/tools). */
type UndiciBody = AsyncIterable<Buffer>;
interface UndiciPool {
  request(options: { path: string; method: 'POST'; headers: Record<string, string>; body: string; headersTimeout: number; bodyTimeout: number }): Promise<{ statusCode: number; body: UndiciBody }>;
  destroy(): Promise<void>;
}
interface Undici {
  Pool: new (origin: string, options: { connections: number; pipelining: number }) => UndiciPool;
}

/** Uncounted load at the job's rate before the counted run. */
const WARMUP_SECONDS = 2;
/** How long the load waits for the last responses after the last request was due. */
const DRAIN_MS = 15_000;
/** A request without a response by then counts as lost. */
const REQUEST_TIMEOUT_MS = 10_000;

async function pacedRun(job: PacedLoadJob, pool: UndiciPool): Promise<LoadFigures> {
  const target = new URL(job.url);
  const expected = Buffer.from(job.expectedBase64, 'base64');
  const headers = { ...job.headers, 'content-length': String(Buffer.byteLength(job.body)) };
  const total = Math.max(1, Math.round(job.rate * job.seconds));
  const intervalMs = 1000 / job.rate;
  const latenciesMs: number[] = [];
  let badBodies = 0;
  let failures = 0;
  let open = 0;
  let finished = false;

  const send = async (dueAt: number): Promise<void> => {
    open++;
    try {
      const res = await pool.request({ path: target.pathname + target.search, method: 'POST', headers, body: job.body, headersTimeout: REQUEST_TIMEOUT_MS, bodyTimeout: REQUEST_TIMEOUT_MS });
      const chunks: Buffer[] = [];
      for await (const chunk of res.body) chunks.push(chunk);
      if (finished) return;
      latenciesMs.push(performance.now() - dueAt);
      if (res.statusCode !== 200 || !Buffer.concat(chunks).equals(expected)) badBodies++;
    } catch {
      if (!finished) failures++;
    } finally {
      open--;
    }
  };

  const started = performance.now();
  for (let sent = 0; sent < total; ) {
    const now = performance.now();
    while (sent < total && started + sent * intervalMs <= now) void send(started + intervalMs * sent++);
    await sleep(Math.max(0, Math.min(intervalMs, started + sent * intervalMs - performance.now())));
  }
  const drainBy = performance.now() + DRAIN_MS;
  while (open > 0 && performance.now() < drainBy) await sleep(5);
  const seconds = (performance.now() - started) / 1000;
  failures += open;
  finished = true;
  return { responses: latenciesMs.length, seconds, latenciesMs, badBodies, failures };
}

const [jobFile] = process.argv.slice(2);
if (!jobFile) {
  console.error('usage: pacedLoadProcess.ts <job.json>');
  process.exit(2);
}
const job = JSON.parse(readFileSync(jobFile, 'utf8')) as PacedLoadJob;
const { Pool } = requireFrom(TOOLS_DIR)('undici') as Undici;
const pool = new Pool(new URL(job.url).origin, { connections: job.connections, pipelining: 1 });
/** The counted run, after the warm-up, with the server's CPU time read around it. */
async function measured(): Promise<PacedFigures> {
  await pacedRun({ ...job, seconds: Math.min(WARMUP_SECONDS, job.seconds) }, pool);
  const cpuBefore = cpuSeconds(job.serverPid);
  const figures = await pacedRun(job, pool);
  return { figures, cpuMicros: cpuMicrosPerResponse(cpuBefore, cpuSeconds(job.serverPid), figures.responses) };
}

measured()
  .then(async (result) => {
    await pool.destroy();
    process.stdout.write(JSON.stringify(result));
  })
  .catch((err: unknown) => {
    console.error(`paced load failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  });
