/**
 * The scale benchmark of issue 14 (part 7): for each corpus size (default 10,000 and 100,000 works; 1,000,000 is a
 * long run) it grows a corpus (bench/corpus, deterministic by --seed), then, on the real stores, seeds PostgreSQL
 * alone, then all five stores, rebuilds each projection from PostgreSQL, counts InfluxDB's series and times the
 * canonical queries against `npm start`; on the embedded profile (PGlite + in-process cache, up to
 * --embedded-max works) it seeds and queries the same way. It prints each load's time, rate and peak RSS, each
 * query's p50 / p99 / first latency per size, how p50 grows with the size, and whether the largest size meets the
 * issue's targets. It asserts nothing about speed.
 *
 *   eval "$(scripts/services env)" && npm run -s bench:scale -- --works 10000,100000 [--profiles real,embedded] [--embedded-max 100000]
 *
 * Real profile: PostgreSQL (DATABASE_URL's server: throwaway databases), Elasticsearch and InfluxDB (ELASTICSEARCH_URL,
 * INFLUX_URL: an index family and a database of throwaway names) are shared; Redis (redis-server on the PATH) and
 * Neo4j (scripts/services with a temporary SERVICES_HOME) are the run's own, on ports of 20000–20999. The gateway
 * runs with RESPONSE_CACHE=off and its cross-request cache on, as in production: a repeated lookup or trend is then
 * a cache hit, which the "first" figure (the first request of each query) shows without. Queries are sent one at a
 * time; every response must be 200 with data and no errors. Everything it made is removed at the end, on Ctrl-C too.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Cleanup } from './read/cleanup';
import { redisBinary } from './read/storeServers';
import { writeCorpusFile } from './scale/corpusFile';
import { type ProfileRun, REINDEXED_STORES, type ReindexedStore, type ScaleProfile, runEmbeddedProfile, runRealProfile, type RealServers } from './scale/profileRuns';
import { loadTable, queryTable } from './scale/report';
import { scaleQueries } from './scale/scaleQueries';

const USAGE = `usage: eval "$(scripts/services env)" && npm run -s bench:scale -- [--works 10000,100000] [--profiles real,embedded]
         [--embedded-max 100000] [--seed 42] [--requests 20] [--budget 10] [--timeout 21600]
         [--reindex elasticsearch,neo4j,influxdb | --skip-reindex] [--skip-postgres-alone]

  --works         corpus sizes, comma-separated (each grown afresh from data/sample)
  --profiles      real (the five stores of the environment, see below) and/or embedded (PGlite + in-process cache)
  --embedded-max  the largest size the embedded profile runs at (default 100000)
  --requests      requests per query after the first, at least (default 20; more while --budget lasts, up to 200)
  --budget        seconds per query for the requests beyond --requests (default 10)
  --timeout       bound of the whole run in seconds (default 6 h); past it everything is stopped and it exits 1
  --reindex       the projections rebuilt from PostgreSQL after the five-store seed, each for its own rate (default all
                  three, in this order; the longest step at 1M works)
  --skip-reindex  rebuild none of them
  --skip-postgres-alone  do not seed PostgreSQL alone first (its own rate) on the real profile

The real profile needs DATABASE_URL, ELASTICSEARCH_URL and INFLUX_URL (scripts/services env) and redis-server.`;

function integers(text: string, name: string): number[] {
  const values = text.split(',').map(Number);
  if (values.some((n) => !Number.isSafeInteger(n) || n < 1)) throw new Error(`--${name} takes positive integers, comma-separated (got ${text})`);
  return values;
}

async function main(cleanup: Cleanup, argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      works: { type: 'string', default: '10000,100000' },
      profiles: { type: 'string', default: 'real,embedded' },
      'embedded-max': { type: 'string', default: '100000' },
      seed: { type: 'string', default: '42' },
      requests: { type: 'string', default: '20' },
      budget: { type: 'string', default: '10' },
      timeout: { type: 'string', default: '21600' },
      reindex: { type: 'string', default: Object.keys(REINDEXED_STORES).join(',') },
      'skip-reindex': { type: 'boolean', default: false },
      'skip-postgres-alone': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const sizes = integers(values.works, 'works').sort((a, b) => a - b);
  const [embeddedMax, seed, requests, budget, timeout] = [values['embedded-max'], values.seed, values.requests, values.budget, values.timeout].map((v) => integers(v, 'option')[0] as number) as [number, number, number, number, number];
  const profiles = values.profiles.split(',') as ScaleProfile[];
  const reindex = values['skip-reindex'] ? [] : values.reindex.split(',');
  if (reindex.some((store) => !Object.hasOwn(REINDEXED_STORES, store))) throw new Error(`--reindex takes ${Object.keys(REINDEXED_STORES).join(', ')} (got ${values.reindex})`);
  if (profiles.some((p) => p !== 'real' && p !== 'embedded')) throw new Error(`--profiles takes real and/or embedded (got ${values.profiles})`);
  const { DATABASE_URL: databaseUrl, ELASTICSEARCH_URL: elasticsearchUrl, INFLUX_URL: influxUrl } = process.env;
  const redis = redisBinary();
  let servers: RealServers | undefined;
  if (profiles.includes('real')) {
    if (!databaseUrl || !elasticsearchUrl || !influxUrl || !redis) {
      console.error(`the real profile needs DATABASE_URL, ELASTICSEARCH_URL, INFLUX_URL and redis-server on the PATH\n\n${USAGE}`);
      return 2;
    }
    servers = { databaseUrl, elasticsearchUrl, influxUrl, redisBinary: redis, reindex: reindex as ReindexedStore[], postgresAlone: !values['skip-postgres-alone'] };
  }
  const disarm = cleanup.armExits(timeout * 1000);
  const plan = { min: requests, max: 200, budgetMs: budget * 1000 };
  const log = (line: string) => console.error(`scale bench: ${line}`);
  const runs: ProfileRun[] = [];
  const series: string[] = [];
  for (const works of sizes) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'openalex-bench-scale-'));
    const forget = cleanup.add('corpus folder', async () => rmSync(dir, { recursive: true, force: true }));
    try {
      const corpus = await writeCorpusFile(path.join(dir, 'corpus.jsonl'), works, seed);
      log(`corpus: ${works} works, ${corpus.truth.internalEdges} internal citations, hub ${corpus.truth.hub.id} cited ${corpus.truth.hub.inDegree} times, ${corpus.counts.subjects} trend subjects (${corpus.seconds.toFixed(1)} s)`);
      if (servers) {
        const run = await runRealProfile(corpus, servers, plan, cleanup, log);
        runs.push(run);
        series.push(`- ${works.toLocaleString('en-US')} works: InfluxDB series ${run.influxSeries ?? '?'}, distinct subjects (authors + topics) ${corpus.counts.subjects}, series per work ${((run.influxSeries ?? 0) / works).toFixed(3)}`);
      }
      if (profiles.includes('embedded') && works <= embeddedMax) runs.push(await runEmbeddedProfile(corpus, plan, cleanup, log));
    } finally {
      await forget();
    }
  }
  disarm();
  const names = scaleQueries({ hubWorkId: '', authorId: '', topicId: '', searchTerm: '', prefix: '' });
  const out = [`scale benchmark (seed ${seed}; ${os.cpus().length} cores; queries one at a time, ${requests}+ requests each after the first)`, '', ...loadTable(runs), '', ...series, ''];
  for (const profile of ['real', 'embedded'] as const) {
    const table = queryTable(profile, runs, names);
    if (table.length > 0) out.push(...table, '');
  }
  console.log(out.join('\n'));
  return runs.some((r) => r.queries.some((q) => q.errors > 0)) ? 1 : 0;
}

const cleanup = new Cleanup();
main(cleanup, process.argv.slice(2).filter((a) => a !== '--'))
  .then(async (code) => {
    await cleanup.runAll();
    process.exit(code);
  })
  .catch(async (err: unknown) => {
    console.error(`scale bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    await cleanup.runAll();
    process.exit(1);
  });
