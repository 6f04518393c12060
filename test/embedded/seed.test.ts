import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/core/logger';
import { samplePaths } from '../../src/seed/samplePaths';
import { seedCatalog } from '../../src/seed/seedCatalog';
import type { Stores } from '../../src/stores';
import type { SqlExecutor } from '../../datasources/postgres/SqlExecutor';
import { openStoresWithSql } from '../support/openStoresWithSql';
import { namedAuthorIds, sampleGroundTruth } from '../support/sampleGroundTruth';

const root = path.join(__dirname, '..', '..');
const sampleWorks = (JSON.parse(readFileSync(path.join(root, 'data/sample/authors/A5087940859.json'), 'utf8')) as { works: Record<string, unknown>[] }).works;

async function tableCounts(sql: SqlExecutor): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of ['works', 'authors', 'authorships', 'work_topics', 'work_references', 'institutions', 'sources', 'topics']) {
    const [row] = await sql.query<{ n: number }>(`SELECT count(*)::integer AS n FROM ${table}`);
    counts[table] = row?.n ?? -1;
  }
  return counts;
}

describe('seeding the catalog (embedded PGlite)', () => {
  let stores: Stores;
  let sql: SqlExecutor;
  let dir: string;
  beforeEach(async () => {
    ({ stores, sql } = await openStoresWithSql(loadConfig({ DATA_DIR: 'memory://', SEED: 'none' }), createLogger('silent')));
    dir = mkdtempSync(path.join(tmpdir(), 'seed-test-'));
  });
  afterEach(async () => {
    await stores.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('loads the sample once per entity and changes nothing when run again', async () => {
    const truth = sampleGroundTruth();
    const first = await seedCatalog(samplePaths(), stores.catalogWriter, { batchSize: 50 });
    expect(first.rejected).toEqual([]);
    expect(first.works).toBe(truth.works.size);
    expect(first.authors).toBe(truth.authors.size);
    const before = await tableCounts(sql);
    expect(before['works']).toBe(truth.works.size);
    const edges = [...truth.works.values()].reduce((n, w) => n + new Set(w.referencedWorkIds).size, 0);
    expect(before['work_references']).toBe(edges);
    expect(before['authorships']).toBe([...truth.works.values()].reduce((n, w) => n + w.authorships.length, 0));

    const second = await seedCatalog(samplePaths(), stores.catalogWriter);
    expect(second).toEqual(first);
    expect(await tableCounts(sql)).toEqual(before);
  });

  it('loads the works whose bylines have names OpenAlex could not attach to an author, every entry in place', async () => {
    const truth = sampleGroundTruth();
    const report = await seedCatalog(samplePaths(), stores.catalogWriter);
    expect(report.rejected).toEqual([]);
    const withUnattached = [...truth.works.values()].filter((w) => w.authorships.some((a) => a.authorId === null));
    expect(withUnattached.length).toBeGreaterThan(0);
    for (const work of withUnattached) {
      const rows = await sql.query<{ position: number; author_position: string | null; author_id: string | null; raw_author_name: string; institution_ids: string[] }>(
        'SELECT position, author_position, author_id, raw_author_name, institution_ids FROM authorships WHERE work_id = $1 ORDER BY position',
        [work.id],
      );
      expect({ work: work.id, rows }).toEqual({
        work: work.id,
        rows: work.authorships.map((a) => ({
          position: a.position,
          author_position: a.authorPosition,
          author_id: a.authorId,
          raw_author_name: a.rawAuthorName,
          institution_ids: a.institutionIds,
        })),
      });
    }
    // An unattached name is no author: the authors are exactly the sample's and those its bylines name.
    const named = new Set([...truth.authors.keys(), ...[...truth.works.values()].flatMap(namedAuthorIds)]);
    expect((await tableCounts(sql))['authors']).toBe(named.size);
  });

  it('loads a work met in several files once and counts the repeats', async () => {
    const work = sampleWorks[0] as Record<string, unknown>;
    writeFileSync(path.join(dir, 'a.jsonl'), `${JSON.stringify(work)}\n`);
    writeFileSync(path.join(dir, 'b.json'), JSON.stringify({ meta: { count: 1 }, results: [work] }));
    const report = await seedCatalog([dir], stores.catalogWriter);
    expect(report).toMatchObject({ works: 1, duplicates: 1, rejected: [] });
    expect((await tableCounts(sql))['works']).toBe(1);
  });

  it('rejects a malformed record whole, with the field named, and loads the rest', async () => {
    const [good, bad] = sampleWorks as [Record<string, unknown>, Record<string, unknown>];
    const badDate = { ...bad, publication_date: '2020-02-30' };
    writeFileSync(path.join(dir, 'works.jsonl'), [good, badDate].map((w) => JSON.stringify(w)).join('\n'));
    const report = await seedCatalog([dir], stores.catalogWriter);
    expect(report.works).toBe(1);
    expect(report.rejected).toEqual([{ origin: { file: path.join(dir, 'works.jsonl'), index: 1 }, reason: expect.stringMatching(/publication_date/) }]);
    const badId = String(bad['id']).replace('https://openalex.org/', '');
    expect(await sql.query('SELECT 1 FROM works WHERE id = $1', [badId])).toEqual([]);
    expect(await sql.query('SELECT 1 FROM authorships WHERE work_id = $1', [badId])).toEqual([]);
  });

  it('isolates a record the database refuses (a duplicate DOI) and keeps the rest of its batch', async () => {
    const [a, b, c] = sampleWorks as [Record<string, unknown>, Record<string, unknown>, Record<string, unknown>];
    const clash = { ...b, doi: a['doi'] };
    writeFileSync(path.join(dir, 'works.jsonl'), [a, clash, c].map((w) => JSON.stringify(w)).join('\n'));
    const report = await seedCatalog([dir], stores.catalogWriter, { batchSize: 10 });
    expect(report.rejected).toEqual([{ origin: { file: path.join(dir, 'works.jsonl'), index: 1 }, reason: expect.stringMatching(/rejected by the database.*works_doi_key/) }]);
    const ids = (await sql.query<{ id: string }>('SELECT id FROM works ORDER BY id')).map((r) => r.id);
    expect(ids).toEqual([a, c].map((w) => String(w['id']).replace('https://openalex.org/', '')).sort());
  });
});

describe('npm run seed (the CLI)', () => {
  it('loads files into the embedded database under DATA_DIR and prints counts and rejections', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'seed-cli-'));
    try {
      const { stdout } = await promisify(execFile)(
        process.execPath,
        [path.join(root, 'node_modules/tsx/dist/cli.mjs'), 'src/cli/seed.ts', 'data/sample', 'test/fixtures/openalex/snapshot'],
        { cwd: root, env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', REDIS_URL: '' } },
      );
      const truth = sampleGroundTruth();
      expect(stdout).toContain(`embedded PGlite (${dataDir})`);
      expect(stdout).toMatch(new RegExp(`works\\s+${truth.works.size}\\n`));
      expect(stdout).toMatch(/rejected\s+[1-9]/);
      expect(stdout).toMatch(/part_000 #\d+: invalid JSON/);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
