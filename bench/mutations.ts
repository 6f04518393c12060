/**
 * Article mutations end to end, over HTTP: latency of createArticle / updateArticle / deleteArticle (each a
 * transaction holding the article and its outbox record), and how long the outbox relay takes to deliver what
 * they enqueued. Runs on whatever the environment configures — by default the embedded profile (PGlite in memory,
 * LRU, no projection store); with the store variables set (eval "$(scripts/services env)"), on the real stores,
 * where the relay's delivery to Elasticsearch, Neo4j and InfluxDB is what is measured.
 *
 *   npm run bench:mutations [-- --count 200 --concurrency 4]
 *
 * Prints figures; asserts nothing.
 */
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { secretKeyOf } from '../src/auth/TokenVerifier';
import { signToken } from '../src/auth/signToken';
import { loadConfig } from '../src/config';
import { createLogger } from '../src/core/logger';
import { seedSampleIfEmpty } from '../src/seed/seedSampleIfEmpty';
import { startGateway } from '../src/server';
import { openStores } from '../src/stores';

const { values } = parseArgs({ options: { count: { type: 'string', default: '200' }, concurrency: { type: 'string', default: '4' } } });
const COUNT = Number(values.count);
const CONCURRENCY = Number(values.concurrency);

async function main(): Promise<void> {
  const config = loadConfig({
    DATA_DIR: 'memory://',
    ...process.env,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'error',
    AUTH_JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
    RESPONSE_CACHE: 'off',
  });
  const logger = createLogger('error');
  const stores = await openStores(config, logger);
  await seedSampleIfEmpty(config.postgres.seed, stores, logger);
  const gateway = await startGateway(config, logger, stores);
  const key = secretKeyOf(config.auth);
  if (!key) throw new Error('no signing key');
  const token = await signToken(key, { subject: 'bench', role: 'editor', issuer: config.auth.issuer, audience: config.auth.audience, expiresIn: '1h' });
  const gql = async (query: string, variables: Record<string, unknown>) => {
    const res = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as { data?: Record<string, { work?: { id: string; version: number } }>; errors?: unknown[] };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data ?? {};
  };
  // The ids the mutations name, asked of the gateway itself: five authors and the 20 most cited works.
  const picked = (await gql('{ authors(first: 5) { nodes { id } } works(first: 20, sort: [CITED_BY_COUNT_DESC]) { nodes { id } } }', {})) as unknown as Record<
    'authors' | 'works',
    { nodes: { id: string }[] }
  >;
  const authors = picked.authors.nodes.map((n) => n.id);
  const cited = picked.works.nodes.map((n) => n.id);

  const created: { id: string; version: number }[] = [];
  const run = async (name: string, n: number, op: (i: number) => Promise<void>) => {
    const latencies: number[] = [];
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        for (let i = next++; i < n; i = next++) {
          const t = performance.now();
          await op(i);
          latencies.push(performance.now() - t);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    const pct = (p: number) => (latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? 0).toFixed(1);
    console.log(`${name.padEnd(14)} ${String(n).padStart(5)} ops  ${(n / seconds).toFixed(1).padStart(7)} ops/s  p50 ${pct(50).padStart(7)} ms  p95 ${pct(95).padStart(7)} ms  p99 ${pct(99).padStart(7)} ms`);
  };

  console.log(`profile: ${['postgres', ...stores.projections.map((p) => p.store)].join(', ')} (${(await stores.describe())[0]?.backend}); concurrency ${CONCURRENCY}`);
  await run('createArticle', COUNT, async (i) => {
    const data = await gql('mutation($input: CreateArticleInput!) { createArticle(input: $input) { work { id version } } }', {
      input: {
        title: `Benchmark article ${i}`,
        publicationDate: '2025-01-01',
        authorIds: [authors[i % authors.length]],
        referencedWorkIds: [cited[i % cited.length], cited[(i + 1) % cited.length]],
      },
    });
    created.push(data['createArticle']?.work as { id: string; version: number });
  });
  await run('updateArticle', COUNT, async (i) => {
    const article = created[i] as { id: string; version: number };
    const data = await gql('mutation($id: ID!, $input: UpdateArticleInput!) { updateArticle(id: $id, input: $input) { work { id version } } }', {
      id: article.id,
      input: { version: article.version, title: `Benchmark article ${i}, revised` },
    });
    article.version = (data['updateArticle']?.work as { version: number }).version;
  });
  await run('deleteArticle', COUNT, async (i) => {
    const article = created[i] as { id: string; version: number };
    await gql('mutation($id: ID!, $v: Int) { deleteArticle(id: $id, version: $v) { id } }', { id: article.id, v: article.version });
  });

  const drainStarted = performance.now();
  for (;;) {
    const stats = await stores.outbox.stats();
    if (stats.pending === 0) break;
    if (performance.now() - drainStarted > 300_000) {
      console.log(`outbox still holds ${stats.pending} records after 300 s`);
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  console.log(`outbox drained ${((performance.now() - drainStarted) / 1000).toFixed(2)} s after the last delete (${COUNT * 3} records)`);
  const memory = process.memoryUsage();
  console.log(`rss ${(memory.rss / 2 ** 20).toFixed(0)} MiB, heap used ${(memory.heapUsed / 2 ** 20).toFixed(0)} MiB`);
  await gateway.stop();
  await stores.close();
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
