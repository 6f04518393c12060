/**
 * The InfluxDB trend layout's series count at scale (issue 14, part 5): grows a corpus (bench/corpus), seeds it into a
 * throwaway PostgreSQL database and a throwaway InfluxDB database of the servers the environment names, and prints the
 * series InfluxDB holds beside the distinct subjects counted from the corpus JSON, and beside what the former layout
 * (a `work_id` tag: one series per work and subject) would have held for the same corpus.
 *
 *   eval "$(scripts/services env)" && npm run -s bench:trends -- --works 20000
 *
 * Both databases are dropped at the end (--keep leaves them). Nothing is committed or kept besides that.
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { InfluxV1Client } from '../datasources/influxdb/InfluxV1Client';
import { loadConfig } from '../src/config';
import { createLogger } from '../src/core/logger';
import { seedCatalog } from '../src/seed/seedCatalog';
import { openStores, type Stores } from '../src/stores';
import { generateCorpus } from './corpus/generateCorpus';
import { loadSampleCorpus } from './corpus/sampleRecords';
import { subjectCounter } from './corpus/subjectCounts';
import { dropInfluxDatabase } from './read/dropInfluxDatabase';

/**
 * Times the two recomputation paths on the loaded corpus: every subject recomputed at once (what the end of a seed or
 * reindex does), and one live apply of the work naming the most common topic (what the relay does for an article
 * naming a hub), whose round recomputes that topic over all its works.
 */
async function timeRecomputation(stores: Stores, databaseUrl: string): Promise<void> {
  const projection = stores.projections.find((p) => p.store === 'influxdb');
  if (!projection?.completeBulk) throw new Error('no InfluxDB projection configured');
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const queued = await db.query(`INSERT INTO trend_stale_subjects (kind, subject_id)
      SELECT 'author', author_id FROM authorships WHERE author_id IS NOT NULL UNION SELECT 'topic', topic_id FROM work_topics
      ON CONFLICT (kind, subject_id) DO NOTHING`);
    let t = performance.now();
    await projection.completeBulk();
    console.error(`recompute: all ${queued.rowCount ?? 0} subjects in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    const hub = await db.query<{ topic_id: string; works: number; work_id: string }>(
      `SELECT topic_id, count(*)::integer AS works, min(work_id) AS work_id FROM work_topics GROUP BY topic_id ORDER BY count(*) DESC LIMIT 1`,
    );
    const top = hub.rows[0];
    if (!top) return;
    const { batch } = await stores.snapshot.batchForWorks([top.work_id]);
    t = performance.now();
    await projection.apply(batch);
    console.error(`live apply: one work naming the hub topic ${top.topic_id} (${top.works} works) in ${(performance.now() - t).toFixed(0)} ms`);
  } finally {
    await db.end();
  }
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { works: { type: 'string', default: '20000' }, seed: { type: 'string', default: '42' }, keep: { type: 'boolean', default: false } } });
  const works = Number(values.works);
  const seed = Number(values.seed);
  const databaseUrl = process.env['DATABASE_URL'];
  const influxUrl = process.env['INFLUX_URL'];
  if (!databaseUrl || !influxUrl || !Number.isSafeInteger(works) || works < 1) {
    console.error('usage: eval "$(scripts/services env)" && npm run -s bench:trends -- --works N [--seed S] [--keep]  (needs DATABASE_URL and INFLUX_URL)');
    return 2;
  }
  const run = randomBytes(4).toString('hex');
  const pgName = `bench_trends_${run}`;
  const influxName = `bench_trends_${run}`;
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-trends-'));
  const file = path.join(dir, 'corpus.jsonl');
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  const influx = new InfluxV1Client({ url: influxUrl, database: influxName, timeoutMs: 120_000 });
  try {
    let t = performance.now();
    const counts = subjectCounter();
    const out = createWriteStream(file);
    for (const line of generateCorpus(loadSampleCorpus(), { works, seed })) {
      counts.add(line);
      if (!out.write(`${line}\n`)) await once(out, 'drain');
    }
    out.end();
    await once(out, 'finish');
    const corpus = counts.result();
    console.error(`corpus: ${corpus.works} works generated in ${((performance.now() - t) / 1000).toFixed(1)} s`);

    await admin.query(`CREATE DATABASE ${pgName}`);
    const url = new URL(databaseUrl);
    url.pathname = `/${pgName}`;
    const config = loadConfig({ DATABASE_URL: url.toString(), INFLUX_URL: influxUrl, INFLUX_DATABASE: influxName, SEED: 'none', LOG_LEVEL: 'warn' });
    const stores = await openStores(config, createLogger('warn'));
    try {
      t = performance.now();
      const report = await seedCatalog([file], stores.catalogWriter, { projections: stores.projections });
      const seconds = (performance.now() - t) / 1000;
      console.error(`seed: ${report.works} works into PostgreSQL + InfluxDB in ${seconds.toFixed(1)} s (${(report.works / seconds).toFixed(0)} works/s), ${report.rejectedCount} rejected`);
      await timeRecomputation(stores, url.toString());
    } finally {
      await stores.close();
    }

    const [listed] = await influx.query('SHOW SERIES FROM "trend"');
    const [estimate] = await influx.query('SHOW SERIES CARDINALITY');
    const [exact] = await influx.query('SHOW SERIES EXACT CARDINALITY FROM "trend"');
    const [points] = await influx.query('SELECT count("works") AS n FROM "trend"');
    const series = listed?.rows.length ?? 0;
    const row = (label: string, value: number | string) => console.log(`${label.padEnd(66)} ${String(value).padStart(10)}`);
    row('works (corpus JSON)', corpus.works);
    row('distinct subjects: authors + topics (corpus JSON)', corpus.subjects);
    row('  of which with a publication or a citation', corpus.subjectsWithValues);
    row('InfluxDB series (SHOW SERIES FROM "trend")', series);
    row('InfluxDB series, estimate (SHOW SERIES CARDINALITY)', Number(estimate?.rows[0]?.['cardinality estimation'] ?? NaN));
    row('InfluxDB series, per shard summed (SHOW SERIES EXACT CARDINALITY)', Number(exact?.rows[0]?.['count'] ?? NaN));
    row('InfluxDB points', Number(points?.rows[0]?.['n'] ?? NaN));
    row('series per work', (series / corpus.works).toFixed(3));
    row('former layout (work_id tag), same corpus, computed', corpus.seriesWithWorkTag);
    row('  per work', (corpus.seriesWithWorkTag / corpus.works).toFixed(2));
    row('bound met (series <= distinct subjects)', series <= corpus.subjects ? 'yes' : 'NO');
    return series <= corpus.subjects ? 0 : 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
    if (!values.keep) {
      await admin.query(`DROP DATABASE IF EXISTS ${pgName} WITH (FORCE)`).catch(() => undefined);
      await dropInfluxDatabase(influx, influxName).catch(() => undefined);
    }
    await admin.end();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
