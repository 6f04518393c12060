/**
 * The read benchmark of issue 13: how many reads per second the gateway serves, against the peer a user would pick
 * instead (PostGraphile v5, Amber preset, on the same database) and, for answers from the response cache, against
 * the limit (a raw node `http` server replaying the gateway's bytes).
 *
 *   npm run bench:read [-- --profiles embedded,postgres --rounds 3 --seconds 5 --warmup 2 --connections 10 --corpus works.jsonl]
 *
 * Profiles of the gateway: `embedded` (PGlite in memory loaded with data/sample on start, the in-process LRU) and
 * `postgres` (PostgreSQL + Redis). PostgreSQL is DATABASE_URL's server if set, else a cluster of the benchmark's
 * own (Debian's binaries under /usr/lib/postgresql/<major>/bin, data in a temporary folder); on it a throwaway
 * database is seeded with data/sample (and --corpus) through `npm run seed`, and PostGraphile reads that same
 * database. Redis is REDIS_URL if set, else a redis-server of its own. Without PostgreSQL the postgres profile and
 * PostGraphile are skipped, and the report says so. Everything it starts listens on 127.0.0.1, on ports of
 * 20000–20999.
 *
 * Each endpoint's first answer to each query must hold the data computed with SQL of the benchmark's own on the
 * endpoint's database (expectedAnswers.ts; the embedded database is built again in this process for that); during
 * the load every response body must be that first answer, byte for byte, or it counts as an error. Q1–Q3 are loaded
 * with RESPONSE_CACHE=off; Q4 is Q1 with RESPONSE_CACHE=on, against the raw replay server. A query's endpoints are
 * loaded in turns (A B A B) by autocannon, then each gets a constant-rate run at half its maximum. It prints rps,
 * p50, p99, resident memory, errors and the ratios, and asserts nothing about speed. Everything it started is
 * stopped, and the database dropped, on success, failure, Ctrl-C or its time bound.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Answer, assertAnswers, firstAnswer } from './read/answers';
import { alternatingRuns, type LoadTarget, type RunPlan } from './read/alternatingRuns';
import { Cleanup } from './read/cleanup';
import { openEmbeddedReference } from './read/embeddedReference';
import { cleanEnvironment } from './read/environment';
import { type ExpectedData, expectedData } from './read/expectedAnswers';
import { readOptions, type ReadBenchOptions } from './read/options';
import { ensureInstalled } from './read/packageFolder';
import { POSTGRAPHILE_DIR, REPOSITORY_ROOT, TOOLS_DIR } from './read/paths';
import { addPostGraphileComputedColumns } from './read/postgraphileCatalog';
import { chooseSubjects, readQueries, type ReadQuery } from './read/queries';
import { queryTable, type RatioSpec } from './read/report';
import { runCommand } from './read/runCommand';
import { type Endpoint, type GatewayProfile, startGateway, startPostGraphile, startRawReplay } from './read/servers';
import { type SqlReader } from './read/sqlReader';
import { postgresBinaries, redisBinary, startOwnPostgres, startOwnRedis } from './read/storeServers';
import { createThrowawayDatabase, type ThrowawayDatabase } from './read/throwawayDatabase';

const GW_PG = 'gateway pg+redis';
const GW_EMBEDDED = 'gateway embedded';
const POSTGRAPHILE = 'PostGraphile';
const RAW = 'raw node http';
const cached = (name: string) => `${name} cached`;

/** The PostgreSQL side of the run: the seeded throwaway database, and Redis when the postgres profile runs. */
interface PostgresPlace {
  readonly db: ThrowawayDatabase;
  readonly server: string;
  readonly redis: { readonly url: string; readonly label: string } | undefined;
  readonly expected: ExpectedData;
}

/** One server of a query's table before the load: how to start it again, what it must answer. */
interface Contender {
  readonly name: string;
  readonly start: (responseCache: 'on' | 'off') => Promise<Endpoint>;
  readonly expected: ExpectedData;
  readonly peer: boolean;
}

async function main(options: ReadBenchOptions, cleanup: Cleanup): Promise<void> {
  const plan: RunPlan = { rounds: options.rounds, seconds: options.seconds, warmupSeconds: options.warmupSeconds, connections: options.connections };
  const skipped: string[] = [];
  await ensureInstalled(TOOLS_DIR, 'autocannon');

  step('building the embedded reference database in this process (PGlite in memory, data/sample), for the expected answers');
  const reference = await openEmbeddedReference();
  cleanup.add('embedded reference database', () => reference.close());
  const subjects = await chooseSubjects(reference.sql);
  const queries = readQueries(subjects);
  const expectedEmbedded = await expectedData(reference.sql, subjects);

  const pg = await preparePostgres(options, cleanup, subjects, skipped);
  const contenders: Contender[] = [];
  if (pg?.redis) {
    const profile: GatewayProfile = { kind: 'postgres', databaseUrl: pg.db.url, redisUrl: pg.redis.url };
    contenders.push({ name: GW_PG, start: (rc) => startGateway(rc === 'on' ? cached(GW_PG) : GW_PG, profile, rc, cleanup), expected: pg.expected, peer: false });
  }
  if (options.profiles.includes('embedded')) {
    contenders.push({ name: GW_EMBEDDED, start: (rc) => startGateway(rc === 'on' ? cached(GW_EMBEDDED) : GW_EMBEDDED, { kind: 'embedded' }, rc, cleanup), expected: expectedEmbedded, peer: false });
  }
  if (pg) contenders.push({ name: POSTGRAPHILE, start: () => startPostGraphile(POSTGRAPHILE, pg.db.url, cleanup), expected: pg.expected, peer: true });
  const gateways = contenders.filter((c) => !c.peer);
  if (gateways.length === 0) throw new Error(`no gateway profile can run: ${skipped.join('; ')}`);

  step(`starting ${contenders.map((c) => c.name).join(', ')} (RESPONSE_CACHE=off)`);
  const endpoints = await Promise.all(contenders.map((c) => c.start('off')));
  console.log(await preamble(options, reference.sql, pg, endpoints, skipped));

  const firstAnswers = new Map<string, Map<string, Answer>>();
  for (const query of queries) {
    const byName = new Map<string, Answer>();
    for (const [i, c] of contenders.entries()) {
      const endpoint = endpoints[i] as Endpoint;
      const answer = await firstAnswer(endpoint, c.peer ? query.postgraphile : query.gateway);
      assertAnswers(c.name, query.key, answer, c.expected[query.key as keyof ExpectedData], c.peer ? query.renames : {});
      byName.set(c.name, answer);
    }
    firstAnswers.set(query.key, byName);
  }
  step(`first answers checked against the SQL's: ${contenders.map((c) => c.name).join(', ')} for ${queries.map((q) => q.key).join(', ')}`);

  const peerRatios = (names: readonly string[]): RatioSpec[] => (names.includes(POSTGRAPHILE) ? gateways.map((g) => ({ numerator: g.name, denominator: POSTGRAPHILE })) : []);
  for (const query of queries) {
    const answers = firstAnswers.get(query.key) as Map<string, Answer>;
    const targets: LoadTarget[] = contenders.map((c, i) => ({ endpoint: endpoints[i] as Endpoint, query: c.peer ? query.postgraphile : query.gateway, expected: answers.get(c.name) as Answer }));
    const figures = await alternatingRuns(query.key, targets, plan);
    console.log(`\n${queryTable(`${query.key}: ${query.title} — uncached (RESPONSE_CACHE=off); ${sizes(targets)}`, figures, peerRatios(contenders.map((c) => c.name)))}`);
  }
  await Promise.all(endpoints.map((e) => e.stop()));

  step(`starting ${gateways.map((g) => cached(g.name)).join(', ')} (RESPONSE_CACHE=on) and the raw replay server`);
  const q1 = queries[0] as ReadQuery;
  const cachedEndpoints = await Promise.all(gateways.map((g) => g.start('on')));
  const cachedTargets: LoadTarget[] = [];
  for (const [i, g] of gateways.entries()) {
    const endpoint = cachedEndpoints[i] as Endpoint;
    // The first request fills the cache; it and the next (from the cache) must hold the SQL's answer.
    const filling = await firstAnswer(endpoint, q1.gateway);
    assertAnswers(endpoint.name, 'Q1 (filling the cache)', filling, g.expected.Q1);
    const fromCache = await firstAnswer(endpoint, q1.gateway);
    assertAnswers(endpoint.name, 'Q1 (from the cache)', fromCache, g.expected.Q1);
    cachedTargets.push({ endpoint, query: q1.gateway, expected: fromCache });
  }
  const replayed = cachedTargets[0]?.expected as Answer;
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'openalex-bench-read-'));
  cleanup.add('scratch folder', async () => rmSync(scratch, { recursive: true, force: true }));
  const bodyFile = path.join(scratch, 'q1-response.json');
  writeFileSync(bodyFile, replayed.body);
  const raw = await startRawReplay(RAW, bodyFile, replayed.contentType, cleanup);
  const rawAnswer = await firstAnswer(raw, q1.gateway);
  if (!rawAnswer.body.equals(replayed.body)) throw new Error('the raw replay server does not answer the gateway’s bytes');
  cachedTargets.push({ endpoint: raw, query: q1.gateway, expected: rawAnswer });

  const cachedFigures = await alternatingRuns('Q4', cachedTargets, plan);
  console.log(`\n${queryTable(`Q4: Q1 answered from the gateway's response cache (RESPONSE_CACHE=on) vs the same bytes from raw node http; ${replayed.body.byteLength} B`, cachedFigures,
    cachedEndpoints.map((e) => ({ numerator: e.name, denominator: RAW })),
  )}`);
  await Promise.all([...cachedEndpoints, raw].map((e) => e.stop()));
  console.log('\nerrors: responses that were not the endpoint\'s first answer byte for byte ("wrong") or never came ("lost"); every first answer held the data SQL computes on its database.');
  console.log('RSS: the serving node process only (not PostgreSQL, Redis or PGlite\'s share of it: PGlite is inside the gateway\'s process).');
  for (const s of skipped) console.log(`skipped: ${s}`);
}

/**
 * PostgreSQL for the postgres profile and PostGraphile: DATABASE_URL's server, else a cluster of the benchmark's
 * own, with a throwaway database seeded; Redis (REDIS_URL, else its own redis-server) only when the postgres
 * profile is asked for. What cannot be had is added to `skipped`, never left out silently.
 */
async function preparePostgres(options: ReadBenchOptions, cleanup: Cleanup, subjects: { workId: string; authorId: string }, skipped: string[]): Promise<PostgresPlace | undefined> {
  const wantsProfile = options.profiles.includes('postgres');
  let serverUrl = process.env['DATABASE_URL'] || undefined;
  let server = serverUrl ? `DATABASE_URL's server ${new URL(serverUrl).host}` : '';
  if (!serverUrl) {
    const bin = postgresBinaries();
    if (!bin) {
      skipped.push(`${wantsProfile ? 'the postgres profile and ' : ''}PostGraphile: no PostgreSQL (DATABASE_URL is unset and there are no binaries under /usr/lib/postgresql/*/bin)`);
      return undefined;
    }
    step(`starting a PostgreSQL cluster of its own (${bin})`);
    const own = await startOwnPostgres(bin, cleanup);
    serverUrl = own.url;
    server = `${own.version}, own cluster on ${new URL(own.url).host} (pid ${own.pid})`;
  }
  await ensureInstalled(POSTGRAPHILE_DIR, 'postgraphile');
  const db = await createThrowawayDatabase(serverUrl);
  cleanup.add(`database ${db.name}`, () => db.drop());
  step(`throwaway database ${db.name}; seeding data/sample${options.corpus ? ` and ${options.corpus}` : ''}`);
  await seed(db, ['data/sample']);
  if (options.corpus) await seed(db, [options.corpus]);
  await addPostGraphileComputedColumns(db);
  const expected = await expectedData(db, subjects);

  let redis: PostgresPlace['redis'];
  if (wantsProfile) {
    const redisUrl = process.env['REDIS_URL'] || undefined;
    if (redisUrl) redis = { url: redisUrl, label: `REDIS_URL's server ${new URL(redisUrl).host}` };
    else {
      const binary = redisBinary();
      if (binary) {
        const own = await startOwnRedis(binary, cleanup);
        redis = { url: own.url, label: `${own.version}, own server on ${new URL(own.url).host} (pid ${own.pid})` };
      } else skipped.push('the postgres profile: no Redis (REDIS_URL is unset and there is no redis-server on the PATH)');
    }
  }
  return { db, server, redis, expected };
}

/** `npm run seed -- <paths>` with DATABASE_URL pointing at the throwaway database and no other store configured. */
async function seed(db: ThrowawayDatabase, paths: readonly string[]): Promise<void> {
  await runCommand('npm', ['run', '-s', 'seed', '--', ...paths], { cwd: REPOSITORY_ROOT, env: cleanEnvironment({ DATABASE_URL: db.url }), timeoutMs: 3_600_000 });
}

/** What was measured where: machine, versions, data, stores, load plan. */
async function preamble(options: ReadBenchOptions, reference: SqlReader, pg: PostgresPlace | undefined, endpoints: readonly Endpoint[], skipped: readonly string[]): Promise<string> {
  const countsSql = 'SELECT (SELECT count(*)::integer FROM works) AS works, (SELECT count(*)::integer FROM authorships) AS authorships, (SELECT count(*)::integer FROM work_references) AS refs';
  const describe = (c: { works: number; authorships: number; refs: number } | undefined) => `${c?.works} works, ${c?.authorships} authorships, ${c?.refs} references`;
  const [embeddedCounts] = await reference.query<{ works: number; authorships: number; refs: number }>(countsSql);
  const [pgCounts] = pg ? await pg.db.query<{ works: number; authorships: number; refs: number }>(countsSql) : [undefined];
  const version = (dir: string, name: string) => (JSON.parse(readFileSync(path.join(dir, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
  const cpus = os.cpus();
  return [
    `read benchmark — ${cpus.length} × ${cpus[0]?.model ?? 'cpu'}, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}, node ${process.version}, ${pg ? `PostGraphile ${version(POSTGRAPHILE_DIR, 'postgraphile')} (Amber), ` : ''}autocannon ${version(TOOLS_DIR, 'autocannon')}`,
    `profiles: ${options.profiles.join(', ')} asked${skipped.length > 0 ? `; skipped: ${skipped.join('; ')}` : ''}`,
    `embedded data: PGlite in memory, data/sample — ${describe(embeddedCounts)}`,
    ...(pg ? [`PostgreSQL data: ${pg.db.name} on ${pg.server} — ${describe(pgCounts)}${options.corpus ? ` (sample + ${path.basename(options.corpus)})` : ' (data/sample)'}`] : []),
    ...(pg?.redis ? [`Redis: ${pg.redis.label}`] : []),
    `load: per query and endpoint ${options.warmupSeconds} s warm-up, then ${options.rounds} rounds × ${options.seconds} s in turns, ${options.connections} connections; then ${options.seconds} s at half the maximum rps`,
    `processes: ${endpoints.map((e) => `${e.name} pid ${e.pid} ${new URL(e.url).host}`).join(', ')}`,
  ].join('\n');
}

function sizes(targets: readonly LoadTarget[]): string {
  return targets.map((t) => `${t.endpoint.name.replace('gateway ', '')} ${t.expected.body.byteLength} B`).join(', ');
}

function step(text: string): void {
  console.error(`read bench: ${text}`);
}


const cleanup = new Cleanup();
let options: ReadBenchOptions;
try {
  options = readOptions(process.argv.slice(2));
} catch (err) {
  console.error(String(err instanceof Error ? err.message : err));
  process.exit(2);
}
const disarm = cleanup.armExits(options.timeoutSeconds * 1000);
main(options, cleanup)
  .then(async () => {
    disarm();
    await cleanup.runAll();
  })
  .catch(async (err: unknown) => {
    disarm();
    console.error(`read bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    await cleanup.runAll();
    process.exit(1);
  });
