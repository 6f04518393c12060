import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { InfluxProjection } from '../../datasources/influxdb/InfluxProjection';
import { isTransientInfluxError } from '../../datasources/influxdb/isTransientInfluxError';
import { isTransientPgError } from '../../datasources/postgres/isTransientPgError';
import { PostgresSubjectTrendTotals } from '../../datasources/postgres/PostgresSubjectTrendTotals';
import type { SqlExecutor } from '../../datasources/postgres/SqlExecutor';
import { StorePolicy } from '../../datasources/shared/StorePolicy';
import type { WorkWrite } from '../../datasources/writes/catalogWrite';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/core/logger';
import { seedCatalog } from '../../src/seed/seedCatalog';
import type { Stores } from '../../src/stores';
import { generateInMemory } from '../support/generatedCorpus';
import { InMemoryTrendSeries } from '../support/InMemoryTrendSeries';
import { openStoresWithSql } from '../support/openStoresWithSql';

/** A work of the corpus as its JSON says, ids in short form. */
interface CorpusWork {
  id: string;
  year: number | null;
  counts: { year: number; cited: number }[];
  authorIds: string[];
  topicIds: string[];
}

const short = (url: string) => url.replace(/^https:\/\/openalex\.org\//, '').toUpperCase();

function parseLine(line: string): CorpusWork {
  const w = JSON.parse(line) as {
    id: string;
    publication_year?: number | null;
    counts_by_year?: { year: number; cited_by_count: number }[];
    authorships?: { author?: { id?: string | null } | null }[];
    topics?: { id: string }[];
  };
  return {
    id: short(w.id),
    year: w.publication_year ?? null,
    counts: (w.counts_by_year ?? []).map((c) => ({ year: c.year, cited: c.cited_by_count })),
    authorIds: [...new Set((w.authorships ?? []).flatMap((a) => (a.author?.id ? [short(a.author.id)] : [])))],
    topicIds: [...new Set((w.topics ?? []).map((t) => short(t.id)))],
  };
}

/** Every subject's years with works or citations, recomputed from the works. */
function expectedPoints(works: readonly CorpusWork[]): Map<string, Map<number, { works: number; citations: number }>> {
  const bySubject = new Map<string, Map<number, { works: number; citations: number }>>();
  for (const w of works) {
    for (const subject of [...w.authorIds.map((id) => `author:${id}`), ...w.topicIds.map((id) => `topic:${id}`)]) {
      const years = bySubject.get(subject) ?? new Map<number, { works: number; citations: number }>();
      bySubject.set(subject, years);
      const at = (year: number) => {
        const v = years.get(year) ?? { works: 0, citations: 0 };
        years.set(year, v);
        return v;
      };
      if (w.year !== null) at(w.year).works++;
      for (const c of w.counts) at(c.year).citations += c.cited;
    }
  }
  for (const [subject, years] of bySubject) {
    for (const [year, v] of years) if (v.works === 0 && v.citations === 0) years.delete(year);
    if (years.size === 0) bySubject.delete(subject);
  }
  return bySubject;
}

const distinctSubjects = (works: readonly CorpusWork[]) => new Set(works.flatMap((w) => [...w.authorIds.map((id) => `author:${id}`), ...w.topicIds.map((id) => `topic:${id}`)])).size;

describe('InfluxDB trend layout after a generated corpus (PGlite catalog, InfluxDB points held in memory)', () => {
  const WORKS = 1_200;
  const corpus = generateInMemory(WORKS, 7);
  const works = corpus.lines.map(parseLine);
  let dir: string;
  let stores: Stores;
  let sql: SqlExecutor;
  let influx: InMemoryTrendSeries;
  let projection: InfluxProjection;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'trend-bound-'));
    const file = path.join(dir, 'corpus.jsonl');
    writeFileSync(file, `${corpus.lines.join('\n')}\n`);
    ({ stores, sql } = await openStoresWithSql(loadConfig({ DATA_DIR: 'memory://', SEED: 'none' }), createLogger('silent')));
    influx = new InMemoryTrendSeries();
    projection = new InfluxProjection(influx, new StorePolicy('influxdb', isTransientInfluxError), 'db', new PostgresSubjectTrendTotals(sql, new StorePolicy('postgres', isTransientPgError)));
    const report = await seedCatalog([file], stores.catalogWriter, { projections: [projection] });
    expect(report.rejected).toEqual([]);
    expect(report.works).toBe(WORKS);
  }, 120_000);
  afterAll(async () => {
    await stores?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('holds at most one series per distinct subject counted from the corpus JSON, with exactly the recomputed totals', () => {
    const points = influx.points();
    expect(points.size).toBeLessThanOrEqual(distinctSubjects(works));
    expect(points).toEqual(expectedPoints(works));
    // The former layout would have held a series per (work, subject): several per work.
    const perWorkSeries = works.reduce((n, w) => n + 1 + w.authorIds.length + w.topicIds.length, 0);
    expect(points.size).toBeLessThan(perWorkSeries / 4);
  });

  it('leaves the totals of the source data after a work is re-written with another byline and another is deleted', async () => {
    const target = works.find((w) => w.authorIds.length >= 2 && w.topicIds.length >= 2) as CorpusWork;
    const newcomer = works.flatMap((w) => w.authorIds).find((id) => !target.authorIds.includes(id)) as string;
    const deleted = works.find((w) => w.id !== target.id && w.authorIds.length > 0) as CorpusWork;

    const { batch } = await stores.snapshot.batchForWorks([target.id]);
    const row = batch.works[0] as WorkWrite;
    const kept = row.authorships.find((a) => a.authorId === target.authorIds[0]) as WorkWrite['authorships'][number];
    const changed: WorkWrite = {
      ...row,
      publicationYear: 2024,
      countsByYear: [{ year: 2025, citedByCount: 3 }],
      authorships: [
        { ...kept, position: 1 },
        { position: 2, authorPosition: 'last', authorId: newcomer, rawAuthorName: 'Newcomer', institutionIds: [] },
      ],
      topics: row.topics.filter((t) => t.topicId === target.topicIds[0]),
    };
    await stores.catalogWriter.upsert({ ...batch, works: [changed] });
    await projection.apply({ ...batch, works: [changed] });
    await sql.query('DELETE FROM works WHERE id = $1', [deleted.id]);
    await projection.remove([deleted.id]);

    const after = works
      .filter((w) => w.id !== deleted.id)
      .map((w) => (w.id === target.id ? { ...w, year: 2024, counts: [{ year: 2025, cited: 3 }], authorIds: [target.authorIds[0] as string, newcomer], topicIds: [target.topicIds[0] as string] } : w));
    const points = influx.points();
    expect(points).toEqual(expectedPoints(after));
    expect(points.size).toBeLessThanOrEqual(distinctSubjects(after));
    expect((await sql.query<{ n: number }>('SELECT count(*)::integer AS n FROM trend_stale_subjects'))[0]?.n).toBe(0);
  });
});
