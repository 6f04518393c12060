/**
 * Seed throughput into real PostgreSQL (issue 14: 5,000 works/s): grows a corpus (bench/corpus), then seeds it into a
 * fresh throwaway database of the server DATABASE_URL names, once per path and round, each in a child process of its own
 * (so each peak RSS is that run's alone), and prints works/s, seed time, wall time and peak RSS side by side.
 *
 *   eval "$(scripts/services env)" && npm run -s bench:seed -- --works 50000 [--rounds 2] [--seed 42] [--paths previous,empty]
 *
 * Paths: `empty` is what a seed does today into an empty catalog (the fast path: secondary indexes and foreign keys
 * dropped, rebuilt at the end); `previous` is the COPY path the writer used before it (and still uses for a catalog
 * that holds works), the writer seen without its bulk-load step. Rounds alternate the paths (A B A B). PostgreSQL only
 * (no projections). Every database is dropped at the end, the corpus file too.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import type { CatalogWriter } from '../datasources/writes/catalogWrite';
import { loadConfig } from '../src/config';
import { createLogger } from '../src/core/logger';
import { seedCatalog } from '../src/seed/seedCatalog';
import { openStores } from '../src/stores';
import { generateCorpus } from './corpus/generateCorpus';
import { loadSampleCorpus } from './corpus/sampleRecords';

const PATHS = ['previous', 'empty'] as const;
type SeedPath = (typeof PATHS)[number];

/** What one child run prints (one JSON line on stdout). */
interface RunResult {
  readonly path: SeedPath;
  readonly works: number;
  readonly rejected: number;
  /** seedCatalog alone (reading, mapping, writing, and on the empty path the rebuild). */
  readonly seedSeconds: number;
  /** Opening the stores (migrations on the fresh database) and seeding. */
  readonly wallSeconds: number;
  readonly rebuilt: number;
  /** From the last batch's commit to the end of seedCatalog: on the empty path, the rebuild of what was set aside. */
  readonly afterLastBatchSeconds: number;
  readonly peakRssMb: number;
  readonly loadBefore: number;
  readonly loadAfter: number;
}

/** The writer as the previous path saw it: the CatalogWriter methods only, so seedCatalog finds no bulk-load step. */
function withoutBulkLoad(writer: CatalogWriter): CatalogWriter {
  return {
    batchSize: writer.batchSize,
    upsert: (batch) => writer.upsert(batch),
    countWorks: () => writer.countWorks(),
    sampleSeedState: () => writer.sampleSeedState(),
    openSeenIds: () => writer.openSeenIds(),
    markSampleSeed: (state) => writer.markSampleSeed(state),
  };
}

/** One run in this process: a fresh database, the stores opened on it, the corpus seeded through `seedPath`. */
async function child(seedPath: SeedPath, file: string, databaseUrl: string): Promise<RunResult> {
  const name = `bench_seed_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  const loadBefore = loadavg()[0] ?? 0;
  try {
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(databaseUrl);
    url.pathname = `/${name}`;
    const start = performance.now();
    const stores = await openStores(loadConfig({ DATABASE_URL: url.toString(), SEED: 'none', LOG_LEVEL: 'warn' }), createLogger('warn'));
    try {
      const writer = seedPath === 'empty' ? stores.catalogWriter : withoutBulkLoad(stores.catalogWriter);
      const t = performance.now();
      let lastBatch = t;
      const report = await seedCatalog([file], writer, { onWritten: () => void (lastBatch = performance.now()) });
      const end = performance.now();
      return {
        path: seedPath,
        works: report.works,
        rejected: report.rejectedCount,
        seedSeconds: (end - t) / 1000,
        wallSeconds: (end - start) / 1000,
        rebuilt: report.rebuilt,
        afterLastBatchSeconds: (end - lastBatch) / 1000,
        peakRssMb: process.resourceUsage().maxRSS / 1024,
        loadBefore,
        loadAfter: loadavg()[0] ?? 0,
      };
    } finally {
      await stores.close();
    }
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
    await admin.end();
  }
}

/** Runs `child` in a process of its own (this script again, with the same loader flags) and reads its JSON line. */
async function runChild(seedPath: SeedPath, file: string): Promise<RunResult> {
  const proc = spawn(process.execPath, [...process.execArgv, process.argv[1] ?? '', '--child', seedPath, '--file', file], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  proc.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  const [code] = (await once(proc, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`the ${seedPath} run exited with ${code}`);
  return JSON.parse(out.trim().split('\n').at(-1) ?? '') as RunResult;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      works: { type: 'string', default: '50000' },
      seed: { type: 'string', default: '42' },
      rounds: { type: 'string', default: '1' },
      paths: { type: 'string', default: PATHS.join(',') },
      child: { type: 'string' },
      file: { type: 'string' },
    },
  });
  const databaseUrl = process.env['DATABASE_URL'];
  const works = Number(values.works);
  const rounds = Number(values.rounds);
  const paths = values.paths.split(',');
  const valid = (p: string): p is SeedPath => (PATHS as readonly string[]).includes(p);
  if (!databaseUrl || !Number.isSafeInteger(works) || works < 1 || !Number.isSafeInteger(rounds) || rounds < 1 || !paths.every(valid)) {
    console.error(`usage: eval "$(scripts/services env)" && npm run -s bench:seed -- --works N [--rounds R] [--seed S] [--paths ${PATHS.join(',')}]  (needs DATABASE_URL)`);
    return 2;
  }
  if (values.child !== undefined) {
    if (!valid(values.child) || values.file === undefined) return 2;
    console.log(JSON.stringify(await child(values.child, values.file, databaseUrl)));
    return 0;
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-seed-'));
  const file = path.join(dir, 'corpus.jsonl');
  try {
    const t = performance.now();
    const out = createWriteStream(file);
    for (const line of generateCorpus(loadSampleCorpus(), { works, seed: Number(values.seed) })) {
      if (!out.write(`${line}\n`)) await once(out, 'drain');
    }
    out.end();
    await once(out, 'finish');
    console.error(`corpus: ${works} works generated in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    const results: RunResult[] = [];
    for (let round = 1; round <= rounds; round++) {
      for (const seedPath of paths.filter(valid)) {
        const r = await runChild(seedPath, file);
        results.push(r);
        console.error(`round ${round} ${seedPath}: ${r.seedSeconds.toFixed(1)} s`);
      }
    }
    console.log('| path | works | seed time | works/s | of which after the last batch | wall (with start-up) | peak RSS | indexes + FKs rebuilt | load average before → after |');
    console.log('|---|---|---|---|---|---|---|---|---|');
    for (const r of results) {
      console.log(
        `| ${r.path} | ${r.works} | ${r.seedSeconds.toFixed(1)} s | ${Math.round(r.works / r.seedSeconds)} | ${r.afterLastBatchSeconds.toFixed(1)} s | ${r.wallSeconds.toFixed(1)} s | ${Math.round(r.peakRssMb)} MB | ${r.rebuilt} | ${r.loadBefore.toFixed(1)} → ${r.loadAfter.toFixed(1)} |`,
      );
    }
    const rate = (p: SeedPath) => {
      const mine = results.filter((r) => r.path === p);
      return mine.reduce((s, r) => s + r.works / r.seedSeconds, 0) / mine.length;
    };
    if (paths.includes('previous') && paths.includes('empty')) console.log(`empty / previous works/s (mean of rounds): ${(rate('empty') / rate('previous')).toFixed(2)}`);
    return results.every((r) => r.rejected === 0) ? 0 : 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
