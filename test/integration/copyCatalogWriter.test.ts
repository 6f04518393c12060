import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LruCache } from '../../datasources/cache/LruCache';
import { isTransientPgError } from '../../datasources/postgres/isTransientPgError';
import { openPostgres } from '../../datasources/postgres/openPostgres';
import { migrate } from '../../datasources/postgres/migrate';
import { PgPoolExecutor } from '../../datasources/postgres/PgPoolExecutor';
import { COPY_BATCH_TIMEOUT_MS, PostgresCatalogWriter } from '../../datasources/postgres/PostgresCatalogWriter';
import { StorePolicy } from '../../datasources/shared/StorePolicy';
import type { CatalogWriter } from '../../datasources/writes/catalogWrite';
import { StoreUnavailableError } from '../../src/core/errors/StoreUnavailableError';
import { createLogger } from '../../src/core/logger';
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

async function openCatalog(copy: boolean, prefix = copy ? 'gateway_copy' : 'gateway_upsert'): Promise<Catalog & { readonly url: string }> {
  const database = await createThrowawayDatabase(prefix);
  const db = new PgPoolExecutor(database.url, { max: 2, statementTimeoutMs: 120_000 });
  await migrate(db);
  const policy = new StorePolicy('postgres', isTransientPgError, { maxAttempts: 1, timeoutMs: COPY_BATCH_TIMEOUT_MS });
  const writer = new PostgresCatalogWriter(db, policy, copy ? { executor: db, policy } : undefined);
  return {
    db,
    writer,
    url: database.url,
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

/** The report without `rebuilt` (which path a run took), rejections as text: what both paths must agree on. */
const summary = ({ rebuilt: _rebuilt, ...report }: SeedReport) => ({ ...report, rejected: report.rejected.map((r) => `${r.origin.index}: ${r.reason}`) });

/** `writer`'s methods, some replaced (an absent beginBulkLoad: a writer without that step). */
function delegate(writer: CatalogWriter, overrides: Partial<CatalogWriter>): CatalogWriter {
  const base: CatalogWriter = {
    batchSize: writer.batchSize,
    upsert: (batch) => writer.upsert(batch),
    countWorks: () => writer.countWorks(),
    sampleSeedState: () => writer.sampleSeedState(),
    openSeenIds: () => writer.openSeenIds(),
    markSampleSeed: (state) => writer.markSampleSeed(state),
    ...(writer.beginBulkLoad ? { beginBulkLoad: () => writer.beginBulkLoad?.() ?? Promise.resolve(undefined) } : {}),
  };
  return { ...base, ...overrides };
}

/** Every index and constraint of the schema, with its definition, validity and (for an index) whether it is usable. */
async function definitions(db: PgPoolExecutor): Promise<{ indexes: unknown[]; constraints: unknown[] }> {
  const indexes = await db.query(
    `SELECT x.tablename, x.indexname, x.indexdef, i.indisvalid, i.indisready FROM pg_indexes x
     JOIN pg_index i ON i.indexrelid = to_regclass(quote_ident(x.indexname))
     WHERE x.schemaname = 'public' AND x.tablename NOT LIKE 'seed\\_seen\\_ids\\_%' ORDER BY 1, 2`,
  );
  const constraints = await db.query(
    `SELECT conrelid::regclass::text AS "table", conname, contype, pg_get_constraintdef(oid) AS def, convalidated
     FROM pg_constraint WHERE connamespace = 'public'::regnamespace ORDER BY 1, 2`,
  );
  return { indexes, constraints };
}

/** Secondary (non-unique) indexes and foreign keys on the catalog's tables right now: what a bulk load sets aside. */
async function secondaryCount(db: PgPoolExecutor): Promise<number> {
  const [row] = await db.query<{ n: number }>(
    `SELECT (SELECT count(*) FROM pg_indexes WHERE schemaname = 'public' AND tablename = ANY($1::text[]) AND indexdef NOT LIKE 'CREATE UNIQUE%')
          + (SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND connamespace = 'public'::regnamespace) AS n`,
    [Object.keys(TABLES)],
  );
  return row?.n ?? -1;
}

describeStore('postgres', 'the COPY catalog writer writes what the parameterised upserts write', () => {
  let dir: string;
  let slow: Catalog;
  let copy: Catalog;
  /** A freshly migrated empty database: the indexes and constraints exactly as the migrations define them. */
  let reference: Catalog;
  let migrated: Awaited<ReturnType<typeof definitions>>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'copy-writer-'));
    [slow, copy, reference] = await Promise.all([openCatalog(false), openCatalog(true), openCatalog(true, 'gateway_migrated')]);
    migrated = await definitions(reference.db);
  });
  afterAll(async () => {
    await Promise.all([slow.dispose(), copy.dispose(), reference.dispose()]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('chooses its batch size by path: 5,000 records through COPY, 200 as upserts', () => {
    expect(copy.writer.batchSize).toBe(5_000);
    expect(slow.writer.batchSize).toBe(200);
  });

  it('the shipped sample: same report, same rows in every table', async () => {
    const [slowReport, copyReport] = [await seedCatalog(samplePaths(), slow.writer), await seedCatalog(samplePaths(), copy.writer)];
    expect(summary(copyReport)).toEqual(summary(slowReport));
    // The COPY catalog was empty: it loaded through the fast path, and has every index and constraint back.
    expect(slowReport.rebuilt).toBe(0);
    expect(copyReport.rebuilt).toBe(await secondaryCount(reference.db));
    expect(await definitions(copy.db)).toEqual(migrated);
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
    expect(copyReport.rebuilt).toBe(0); // the catalog holds the sample: today's path, nothing dropped
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

  it('into an empty catalog (indexes and foreign keys set aside, fresh works copied straight in): the same rows, every index back', async () => {
    const fresh = await openCatalog(true, 'gateway_fresh');
    try {
      const file = join(dir, 'corpus.jsonl');
      // Works met again in a later batch take the merge (the first 50 corpus lines once more, at the end: loading the
      // same record again changes no row), the others are copied straight into works.
      const again = join(dir, 'again.jsonl');
      writeFileSync(again, generateInMemory(2_000, 7).lines.slice(0, 50).join('\n') + '\n');
      const during: Promise<number>[] = [];
      // The sample and the corpus in one run into the empty catalog, in the order the other catalogs loaded them.
      const report = await seedCatalog([...samplePaths(), file, again], fresh.writer, { batchSize: 700, onWritten: () => void during.push(secondaryCount(fresh.db)) });
      expect(report.rebuilt).toBe(await secondaryCount(reference.db));
      expect(report.rebuilt).toBeGreaterThan(30);
      expect(await Promise.all(during)).toEqual(during.map(() => 0)); // set aside while loading
      expect(report.rejected).toHaveLength(2);
      expect(report.duplicates).toBeGreaterThanOrEqual(50);
      expect(await definitions(fresh.db)).toEqual(migrated);
      expect(await fresh.db.query("SELECT key FROM gateway_state WHERE key LIKE 'bulk%'")).toEqual([]);
      const [expected, actual] = await Promise.all([dump(slow.db), dump(fresh.db)]);
      for (const table of Object.keys(TABLES)) expect({ table, rows: actual[table] }).toEqual({ table, rows: expected[table] });
    } finally {
      await fresh.dispose();
    }
  });

  it('a load into an empty catalog that fails midway rebuilds every index and foreign key before it throws', async () => {
    const failing = await openCatalog(true, 'gateway_failing');
    try {
      let upserts = 0;
      const writer = delegate(failing.writer, {
        upsert: async (batch) => {
          if (++upserts === 2) throw new StoreUnavailableError('postgres', 'injected after the first batch');
          await failing.writer.upsert(batch);
        },
      });
      await expect(seedCatalog([join(dir, 'corpus.jsonl')], writer, { batchSize: 700 })).rejects.toThrow(/injected after the first batch/);
      expect(upserts).toBe(2);
      // The first batch is kept: the first 700 well-formed lines (the malformed ones never reach a batch).
      const firstBatch = new Set(generateInMemory(2_000, 7).lines.slice(0, 700).map((l) => (JSON.parse(l) as { id: string }).id));
      expect(await failing.writer.countWorks()).toBe(firstBatch.size);
      expect(await definitions(failing.db)).toEqual(migrated);
      expect(await failing.db.query("SELECT key FROM gateway_state WHERE key LIKE 'bulk%'")).toEqual([]);
    } finally {
      await failing.dispose();
    }
  });

  it('a load killed before its rebuild is repaired by the next start (openPostgres)', async () => {
    const killed = await openCatalog(true, 'gateway_killed');
    try {
      const bulk = await killed.writer.beginBulkLoad();
      expect(bulk?.setAside).toBe(await secondaryCount(reference.db));
      const { lines } = generateInMemory(30, 11);
      const file = join(dir, 'killed.jsonl');
      writeFileSync(file, lines.join('\n') + '\n');
      // Batches written while the load is under way (the run itself does not begin one: this test holds it).
      await seedCatalog([file], delegate(killed.writer, { batchSize: 10, beginBulkLoad: undefined }));
      expect(await killed.writer.countWorks()).toBe(new Set(lines.map((l) => (JSON.parse(l) as { id: string }).id)).size);
      // No finish: as if the process died here. The record of what was dropped survives it.
      expect(await secondaryCount(killed.db)).toBe(0);
      expect(await killed.db.query("SELECT key FROM gateway_state WHERE key = 'bulk_load_restore'")).toHaveLength(1);
      const stores = await openPostgres({ url: killed.url, dataDir: '' }, createLogger('silent'), { cache: new LruCache() });
      await stores.close();
      expect(await definitions(killed.db)).toEqual(migrated);
      expect(await killed.db.query("SELECT key FROM gateway_state WHERE key LIKE 'bulk%'")).toEqual([]);
      // A catalog that holds works keeps today's path: nothing is set aside.
      expect(await killed.writer.beginBulkLoad()).toBeUndefined();
      expect(await definitions(killed.db)).toEqual(migrated);
    } finally {
      await killed.dispose();
    }
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
