import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CatalogBatch, WorkWrite } from '../../datasources/writes/catalogWrite';
import { migrate } from '../../datasources/postgres/migrate';
import type { SqlExecutor } from '../../datasources/postgres/SqlExecutor';
import { readCatalogBatch } from '../../datasources/postgres/sql/readCatalogBatch';
import { upsertCatalogBatch } from '../../datasources/postgres/sql/upsertCatalogBatch';
import { workWrite } from './workWrite';

const MIGRATIONS = path.join(__dirname, '..', '..', 'datasources', 'postgres', 'migrations');
const BYLINE_MIGRATION = '004_unattached_byline_names.sql';

/** A work whose byline has a name OpenAlex could not attach to an author between two authors. */
const WITH_UNATTACHED: WorkWrite = workWrite({
  id: 'W2',
  title: 'Two-phase flow',
  authorships: [
    { position: 1, authorPosition: 'first', authorId: null, rawAuthorName: 'Li, Jian', institutionIds: ['I1'] },
    { position: 2, authorPosition: 'middle', authorId: 'A1', rawAuthorName: 'A. Lovelace', institutionIds: [] },
    { position: 3, authorPosition: 'last', authorId: null, rawAuthorName: 'Saad Alafnan', institutionIds: [] },
  ],
});

const BATCH: CatalogBatch = {
  works: [WITH_UNATTACHED],
  authors: [{ id: 'A1', displayName: 'Ada Lovelace', orcid: null, worksCount: null, citedByCount: null, hIndex: null, institutionIds: [], complete: false }],
  institutions: [{ id: 'I1', displayName: 'Somewhere', ror: null, countryCode: null, type: null }],
  sources: [],
  topics: [],
};

/** A fresh, empty database, and how to close (and drop) it. */
export interface ScratchDatabase {
  readonly db: SqlExecutor;
  dispose(): Promise<void>;
}

/**
 * The migration that keeps unattached byline names, on a catalog written before it: a database migrated up to the
 * migration before it, holding a byline, is migrated to the end. Declared inside the caller's describe; `open`
 * gives a fresh, empty database (PGlite on the embedded tier, PostgreSQL 15 on the integration tier).
 */
export function bylineMigrationSuite(open: () => Promise<ScratchDatabase>): void {
  let scratch: ScratchDatabase | undefined;
  let db: SqlExecutor;
  let before: string;
  beforeAll(async () => {
    before = mkdtempSync(path.join(tmpdir(), 'migrations-'));
    for (const name of readdirSync(MIGRATIONS).filter((f) => f.endsWith('.sql') && f < BYLINE_MIGRATION)) copyFileSync(path.join(MIGRATIONS, name), path.join(before, name));
    scratch = await open();
    db = scratch.db;
    expect(await migrate(db, before)).toEqual(readdirSync(before).sort());
    // A byline as the catalog held it then: author_id required, no printed name.
    await db.query(`INSERT INTO authors (id, display_name) VALUES ('A1', 'Ada Lovelace'), ('A3', 'Charles Babbage')`);
    await db.query(`INSERT INTO works (id, title) VALUES ('W1', 'Engines')`);
    await db.query(`INSERT INTO authorships (work_id, position, author_id, author_position) VALUES ('W1', 1, 'A1', 'first'), ('W1', 2, 'A3', 'last')`);
  });
  afterAll(async () => {
    await scratch?.dispose();
    rmSync(before, { recursive: true, force: true });
  });

  it('applies on an existing catalog, giving each stored authorship its author’s display name as the printed name', async () => {
    // It and every migration after it (none of them touches authorships).
    expect(await migrate(db)).toEqual(readdirSync(MIGRATIONS).filter((f) => f.endsWith('.sql') && f >= BYLINE_MIGRATION).sort());
    const rows = await db.query<{ position: number; author_id: string; raw_author_name: string }>(
      `SELECT position, author_id, raw_author_name FROM authorships WHERE work_id = 'W1' ORDER BY position`,
    );
    expect(rows).toEqual([
      { position: 1, author_id: 'A1', raw_author_name: 'Ada Lovelace' },
      { position: 2, author_id: 'A3', raw_author_name: 'Charles Babbage' },
    ]);
    const columns = await db.query<{ column_name: string; is_nullable: string }>(
      `SELECT column_name, is_nullable FROM information_schema.columns
       WHERE table_name = 'authorships' AND column_name IN ('author_id', 'raw_author_name') ORDER BY column_name`,
    );
    expect(columns).toEqual([
      { column_name: 'author_id', is_nullable: 'YES' },
      { column_name: 'raw_author_name', is_nullable: 'NO' },
    ]);
    expect(await migrate(db)).toEqual([]);
  });

  it('then stores a byline with unattached names, every entry in place, and reads it back', async () => {
    await db.transaction((tx) => upsertCatalogBatch(tx, BATCH));
    const [work] = (await readCatalogBatch(db, ['W2'])).works;
    expect(work?.authorships).toEqual(WITH_UNATTACHED.authorships);
    const authors = await db.query<{ id: string }>('SELECT id FROM authors ORDER BY id');
    expect(authors.map((a) => a.id)).toEqual(['A1', 'A3']);
  });

  it('still refuses an authorship without a printed name', async () => {
    await expect(db.query(`INSERT INTO authorships (work_id, position, author_id) VALUES ('W1', 3, NULL)`)).rejects.toThrow(/raw_author_name/);
  });
}
