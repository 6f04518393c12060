/**
 * What expensive anonymous traffic does to everyone else: the gateway runs as users run it in production
 * (`npm start`, NODE_ENV=production, the embedded profile unless store variables are set), a second process floods
 * it with the most expensive requests the limits allow (a batch of ten 200-work × 200-year trend pages, 15 aliases of
 * 200 works with their abstracts and references, single trend pages), while this process probes `/health` and a
 * cheap query (one work by id, a new operation name each time, so the response cache cannot answer it). It prints
 * the probes' latencies idle and under the flood (p50, p99, max and the ratio), the flood's outcome and the
 * gateway's resident memory before, at its peak and after.
 *
 *   npm run bench:hostile [-- --rounds 3 --concurrency 12]
 *
 * Prints figures; asserts nothing.
 */
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import { projectRoot } from '../src/core/projectRoot';
import { spawnGateway } from '../test/support/gatewayProcess';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '3' }, concurrency: { type: 'string', default: '12' } } });
const ROUNDS = Number(values.rounds);
const CONCURRENCY = Number(values.concurrency);

/** The flood, as a separate process (so its own parsing of large answers never delays the probes). */
const FLOOD = `
const [base, concurrency] = [process.argv[1], Number(process.argv[2])];
const trends = '{ works(first: 200, sort: [TITLE_ASC]) { nodes { trend(from: 1800, to: 1999) { points { period works citations } } } } }';
const bodies = [
  JSON.stringify(Array.from({ length: 10 }, () => ({ query: trends }))),
  JSON.stringify({ query: '{' + 'abcdefghijklmno'.split('').map((a) => a + ': works(first: 200) { nodes { id title abstract referencedWorkIds } }').join(' ') + '}' }),
  JSON.stringify({ query: trends.replace('TITLE_ASC', 'TITLE_DESC') }),
];
const started = performance.now();
const results = await Promise.all(Array.from({ length: concurrency }, (_, i) =>
  fetch(base + '/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: bodies[i % bodies.length] })
    .then(async (r) => ({ status: r.status, bytes: (await r.arrayBuffer()).byteLength }), () => ({ status: 0, bytes: 0 }))));
process.stdout.write(JSON.stringify({ ms: Math.round(performance.now() - started), statuses: results.map((r) => r.status), bytes: results.reduce((s, r) => s + r.bytes, 0) }));
`;

interface Probe {
  health: number[];
  cheap: number[];
}

function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

function summary(values: readonly number[]): string {
  return `p50 ${quantile(values, 0.5).toFixed(1)} ms  p99 ${quantile(values, 0.99).toFixed(1)} ms  max ${Math.max(...values).toFixed(1)} ms  (n=${values.length})`;
}

async function rssMb(base: string): Promise<number> {
  const text = await (await fetch(`${base}/metrics`)).text();
  return Number(/^process_resident_memory_bytes (\S+)$/m.exec(text)?.[1] ?? 0) / 1e6;
}

let probeNumber = 0;
async function probeOnce(base: string, into: Probe): Promise<void> {
  const a = performance.now();
  await (await fetch(`${base}/health`)).arrayBuffer();
  into.health.push(performance.now() - a);
  const b = performance.now();
  const res = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: `query Cheap${probeNumber++} { work(id: "W2250539671") { id title } }` }),
  });
  await res.arrayBuffer();
  into.cheap.push(performance.now() - b);
}

async function main(): Promise<void> {
  const gateway = await spawnGateway('npm', ['start'], { cwd: projectRoot(), env: { NODE_ENV: 'production', ...passThroughStores() } });
  try {
    const idle: Probe = { health: [], cheap: [] };
    for (let i = 0; i < 50; i++) await probeOnce(gateway.base, idle);
    const before = await rssMb(gateway.base);
    let peak = before;
    const loaded: Probe = { health: [], cheap: [] };
    const floods: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const flood = spawn(process.execPath, ['--input-type=module', '-e', FLOOD, gateway.base, String(CONCURRENCY)], { stdio: ['ignore', 'pipe', 'inherit'] });
      let out = '';
      flood.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
      let running = true;
      const exited = new Promise<void>((resolve) => flood.once('exit', () => resolve()));
      void exited.then(() => (running = false));
      while (running) {
        await probeOnce(gateway.base, loaded);
        peak = Math.max(peak, await rssMb(gateway.base));
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      floods.push(out);
    }
    const after = await rssMb(gateway.base);
    console.log(`hostile flood: ${ROUNDS} rounds of ${CONCURRENCY} concurrent expensive requests, gateway pid ${gateway.pid} (npm start, NODE_ENV=production)`);
    for (const [i, flood] of floods.entries()) console.log(`  round ${i + 1}: ${flood}`);
    console.log(`/health   idle:  ${summary(idle.health)}`);
    console.log(`/health   flood: ${summary(loaded.health)}   (max ratio ${(Math.max(...loaded.health) / Math.max(1, quantile(idle.health, 0.5))).toFixed(0)}× idle p50)`);
    console.log(`cheap     idle:  ${summary(idle.cheap)}`);
    console.log(`cheap     flood: ${summary(loaded.cheap)}   (p99 ratio ${(quantile(loaded.cheap, 0.99) / Math.max(0.1, quantile(idle.cheap, 0.99))).toFixed(1)}× idle p99)`);
    console.log(`RSS: before ${before.toFixed(0)} MB, peak ${peak.toFixed(0)} MB (+${(peak - before).toFixed(0)} MB), after ${after.toFixed(0)} MB`);
  } finally {
    await gateway.kill();
  }
}

/** The store variables of this shell, so `eval "$(scripts/services env)"` benches the real stores. */
function passThroughStores(): Record<string, string> {
  const names = ['DATABASE_URL', 'REDIS_URL', 'NEO4J_URL', 'NEO4J_USER', 'NEO4J_PASSWORD', 'INFLUX_URL', 'INFLUX_DATABASE', 'ELASTICSEARCH_URL'];
  return Object.fromEntries(names.flatMap((n) => (process.env[n] ? [[n, process.env[n] as string]] : [])));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
