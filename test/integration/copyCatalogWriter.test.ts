import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isTransientPgError } from '../../datasources/postgres/isTransientPgError';
import { migrate } from '../../datasources/postgres/migrate';
import { PgPoolExecutor } from '../../datasources/postgres/PgPoolExecutor';
import { COPY_BATCH_TIMEOUT_MS, PostgresCatalogWriter } from '../../datasources/postgres/PostgresCatalogWriter';
import { StorePolicy } from '../../datasources/shared/StorePolicy';
import { samplePaths } from '../../src/seed/samplePaths';
import { seedCatalog, type SeedReport } from '../../src/seed/seedCatalog';
import { generateInMemory } from '../support/generatedCorpus';
import { describeStore } from './support/describeStore';
import { createThrowawayDatabase } from './support/throwawayDatabase';

/** Every table a seed writes, with the order that makes its rows comparable. */
const TABLES: Record<string, string> = {
  works: 'id',
  authors: 'id',
  authorships: 'work_id, position',
  work_references: 'citing_id, cited_id',
  work_topics: 'work_id, topic_id',
  topics: 'id',
  sources: 'id',
  institutions: 'id',
};

interface Catalog {
  readonly db: PgPoolExecutor;
  readonly writer: PostgresCatalogWriter;
  readonly dispose: () => Promise<void>;
}

async function openCatalog(copy: boolean): Promise<Catalog> {
  const database = await createThrowawayDatabase(copy ? 'gateway_copy' : 'gateway_upsert');
  const db = new PgPoolExecutor(database.url, { max: 2, statementTimeoutMs: 120_000 });
  await migrate(db);
  const policy = new StorePolicy('postgres', isTransientPgError, { maxAttempts: 1, timeoutMs: COPY_BATCH_TIMEOUT_MS });
  const writer = new PostgresCatalogWriter(db, policy, copy ? { executor: db, policy } : undefined);
  return {
    db,
    writer,
    dispose: async () => {
      await db.close();
      await database.drop();
    },
  };
}

/**
 * Every row of every table, as JSON, without `updated_at` (the time of the write) and `version` (how often a row
 * was written: the slow path's batches of 200 rewrite a work met in two batches, a COPY batch of 5,000 once).
 */
async function dump(db: PgPoolExecutor): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const [table, order] of Object.entries(TABLES)) {
    const rows = await db.query<{ row: unknown }>(`SELECT to_jsonb(t) - 'updated_at' - 'version' AS row FROM ${table} t ORDER BY ${order}`);
    out[table] = rows.map((r) => r.row);
  }
  return out;
}

const summary = (report: SeedReport) => ({ ...report, rejected: report.rejected.map((r) => `${r.origin.index}: ${r.reason}`) });

describeStore('postgres', 'the COPY catalog writer writes what the parameterised upserts write', () => {
  let dir: string;
  let slow: Catalog;
  let copy: Catalog;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'copy-writer-'));
    [slow, copy] = await Promise.all([openCatalog(false), openCatalog(true)]);
  });
  afterAll(async () => {
    await Promise.all([slow.dispose(), copy.dispose()]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('chooses its batch size by path: 5,000 records through COPY, 200 as upserts', () => {
    expect(copy.writer.batchSize).toBe(5_000);
    expect(slow.writer.batchSize).toBe(200);
  });

  it('the shipped sample: same report, same rows in every table', async () => {
    const [slowReport, copyReport] = [await seedCatalog(samplePaths(), slow.writer), await seedCatalog(samplePaths(), copy.writer)];
    expect(summary(copyReport)).toEqual(summary(slowReport));
    const [expected, actual] = await Promise.all([dump(slow.db), dump(copy.db)]);
    for (const table of Object.keys(TABLES)) expect({ table, rows: actual[table] }).toEqual({ table, rows: expected[table] });
    expect(actual['works']?.length).toBeGreaterThan(0);
  });

  it('a generated corpus of 2,000 works with malformed records among them: same rejections, same rows', async () => {
    const { lines } = generateInMemory(2_000, 7);
    const broken = [...lines];
    broken.splice(10, 0, '{"id": "https://openalex.org/W1", "title": ');
    broken.splice(500, 0, JSON.stringify({ id: 'https://openalex.org/W2', publication_year: 'not a year', authorships: 'nobody' }));
    const file = join(dir, 'corpus.jsonl');
    writeFileSync(file, broken.join('\n') + '\n');
    const slowReport = await seedCatalog([file], slow.writer);
    const copyReport = await seedCatalog([file], copy.writer, { batchSize: 700 }); // several COPY batches, one partial
    expect(summary(copyReport)).toEqual(summary(slowReport));
    expect(copyReport.rejected).toHaveLength(2);
    // Ground truth from the source lines: every distinct work id of the corpus is a row (beside the sample's).
    const ids = new Set(lines.map((l) => (JSON.parse(l) as { id: string }).id.replace('https://openalex.org/', '')));
    const [{ n }] = (await copy.db.query<{ n: number }>('SELECT count(*)::integer AS n FROM works WHERE id = ANY($1::text[])', [[...ids]])) as [{ n: number }];
    expect(n).toBe(ids.size);
    expect(copyReport.works).toBe(ids.size); // counted by the run's table in the database, not in memory
    expect(copyReport.duplicates).toBe(lines.length - ids.size);
    // Each run drops the table that counted its ids.
    expect(await copy.db.query("SELECT 1 FROM pg_tables WHERE tablename LIKE 'seed\\_seen\\_ids\\_%'")).toEqual([]);
    const [expected, actual] = await Promise.all([dump(slow.db), dump(copy.db)]);
    for (const table of Object.keys(TABLES)) expect({ table, rows: actual[table] }).toEqual({ table, rows: expected[table] });
  });

  it('is idempotent: loading the same input again through COPY changes no row', async () => {
    const before = await dump(copy.db);
    const report = await seedCatalog([join(dir, 'corpus.jsonl')], copy.writer);
    expect(report.rejected).toHaveLength(2);
    expect(await dump(copy.db)).toEqual(before);
  });

  it('a re-loaded work replaces its bylines, topics and references exactly as the upserts do', async () => {
    const [line] = generateInMemory(50, 7).lines as [string];
    const work = JSON.parse(line) as { authorships: unknown[]; referenced_works: unknown[]; topics: unknown[] };
    work.authorships = work.authorships.slice(0, 1);
    work.referenced_works = work.referenced_works.slice(0, 2);
    work.topics = work.topics.slice(0, 1);
    const file = join(dir, 'reloaded.jsonl');
    writeFileSync(file, JSON.stringify(work) + '\n');
    await seedCatalog([file], slow.writer);
    await seedCatalog([file], copy.writer);
    const [expected, actual] = await Promise.all([dump(slow.db), dump(copy.db)]);
    for (const table of Object.keys(TABLES)) expect({ table, rows: actual[table] }).toEqual({ table, rows: expected[table] });
  });
});
