import { randomBytes } from 'node:crypto';
import type { ArticleFields } from '../../datasources/writes/articleWrite';
import { type CatalogBatch, type WorkWrite } from '../../datasources/writes/catalogWrite';
import { OutboxRelay } from '../../src/writes/OutboxRelay';
import { InfluxTrendStore } from '../../datasources/influxdb/InfluxTrendStore';
import { type InfluxParams, type InfluxQueryOptions, InfluxV1Client } from '../../datasources/influxdb/InfluxV1Client';
import { isTransientInfluxError } from '../../datasources/influxdb/isTransientInfluxError';
import { openInflux, type InfluxStores } from '../../datasources/influxdb/openInflux';
import { isTransientPgError } from '../../datasources/postgres/isTransientPgError';
import { PostgresSubjectTrendTotals } from '../../datasources/postgres/PostgresSubjectTrendTotals';
import { PostgresTrendStore } from '../../datasources/postgres/PostgresTrendStore';
import { StorePolicy } from '../../datasources/shared/StorePolicy';
import type { TrendRange, TrendSubject } from '../../datasources/TrendStore';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/core/logger';
import { samplePaths } from '../../src/seed/samplePaths';
import { seedCatalog } from '../../src/seed/seedCatalog';
import type { Stores } from '../../src/stores';
import type { SqlExecutor } from '../../datasources/postgres/SqlExecutor';
import { openStoresWithSql } from '../support/openStoresWithSql';
import { trendStoreContract } from '../contract/trendStoreContract';
import { namedAuthorIds, sampleGroundTruth, type TruthWork } from '../support/sampleGroundTruth';
import { storeEndpoints } from '../support/storeEndpoints';
import { describeStore } from './support/describeStore';
import { createThrowawayDatabase } from './support/throwawayDatabase';
import { throwawayCatalog } from './support/throwawayCatalog';
import { sampleBatches } from '../support/sampleBatches';
import { workWrite } from '../support/workWrite';

describeStore('postgres', 'PostgresTrendStore on real PostgreSQL', () => {
  const catalog = throwawayCatalog();

  it('runs on the PostgreSQL server', () => {
    expect(catalog().sql.backend).toBe('postgresql');
    expect(catalog().trends.backend).toBe('postgresql');
  });

  trendStoreContract('PostgreSQL', () => catalog().trends);
});

/** Per subject (`author:A…`, `topic:T…`), its years with works or citations, straight from the truth's works. */
function subjectYears(works: Iterable<TruthWork>): Map<string, Map<number, { works: number; citations: number }>> {
  const bySubject = new Map<string, Map<number, { works: number; citations: number }>>();
  for (const w of works) {
    const subjects = [...namedAuthorIds(w).map((id) => `author:${id}`), ...[...new Set(w.topicIds)].map((id) => `topic:${id}`)];
    for (const subject of subjects) {
      const years = bySubject.get(subject) ?? new Map<number, { works: number; citations: number }>();
      bySubject.set(subject, years);
      const at = (year: number) => {
        const values = years.get(year) ?? { works: 0, citations: 0 };
        years.set(year, values);
        return values;
      };
      if (w.publicationYear !== null) at(w.publicationYear).works++;
      for (const c of w.countsByYear) at(c.year).citations += c.cited_by_count;
    }
  }
  for (const [subject, years] of bySubject) {
    for (const [year, v] of years) if (v.works === 0 && v.citations === 0) years.delete(year);
    if (years.size === 0) bySubject.delete(subject);
  }
  return bySubject;
}

/** Every author id named on a byline and every topic id of the works: the subjects, counted from the source JSON. */
function distinctSubjects(works: Iterable<TruthWork>): number {
  const subjects = new Set<string>();
  for (const w of works) {
    for (const id of namedAuthorIds(w)) subjects.add(`author:${id}`);
    for (const id of w.topicIds) subjects.add(`topic:${id}`);
  }
  return subjects.size;
}

/** A subject's trend over `range` (yearly), from the truth. */
function expectedYearly(works: Iterable<TruthWork>, subject: TrendSubject, range: TrendRange) {
  const list = [...works].filter((w) =>
    subject.kind === 'work' ? w.id === subject.id : subject.kind === 'author' ? w.authorships.some((a) => a.authorId === subject.id) : w.topicIds.includes(subject.id),
  );
  return Array.from({ length: range.to - range.from + 1 }, (_, i) => {
    const year = range.from + i;
    return {
      period: year,
      works: list.filter((w) => w.publicationYear === year).length,
      citations: list.flatMap((w) => w.countsByYear).reduce((n, c) => n + (c.year === year ? c.cited_by_count : 0), 0),
    };
  });
}

describeStore(['postgres', 'influxdb'], 'InfluxTrendStore and InfluxProjection on real InfluxDB over a PostgreSQL catalog', () => {
  // A throwaway database per run on each server (created by ensureSchema, dropped at the end): other tests share them.
  const database = `openalex_it_${randomBytes(6).toString('hex')}`;
  let catalog: Awaited<ReturnType<typeof createThrowawayDatabase>>;
  let stores: Stores;
  let sql: SqlExecutor;
  let influx: InfluxStores;
  // A second client for the test's own checks (counts, schema), so they never go through the code under test.
  let admin: InfluxV1Client;
  const truth = sampleGroundTruth();
  const WIDE: TrendRange = { from: 1950, to: 2026, interval: 'YEAR' };

  /** Subjects of every kind, every loaded work included, for before/after comparisons. */
  const everySubject = (): TrendSubject[] => [
    ...[...subjectYears(truth.works.values()).keys()].map((key) => ({ kind: key.slice(0, key.indexOf(':')) as 'author' | 'topic', id: key.slice(key.indexOf(':') + 1) })),
    ...[...truth.works.keys()].map((id) => ({ kind: 'work' as const, id })),
  ];
  const countPoints = async () => {
    const [series] = await admin.query('SELECT count("works") AS n FROM "trend"');
    return Number(series?.rows[0]?.['n'] ?? 0);
  };
  /** `SHOW SERIES EXACT CARDINALITY`: series counted in each shard, summed (a series in two shards counts twice). */
  const countSeries = async () => {
    const [series] = await admin.query('SHOW SERIES EXACT CARDINALITY FROM "trend"');
    return Number(series?.rows[0]?.['count'] ?? 0);
  };
  /** The series InfluxDB holds (its index, whatever the shards), as `kind:id`. */
  const seriesKeys = async () => {
    const [series] = await admin.query('SHOW SERIES FROM "trend"');
    return (series?.rows ?? []).map((r) => {
      const tags = new URLSearchParams(String(r['key']).split(',').slice(1).join('&'));
      return `${tags.get('subject_kind')}:${tags.get('subject_id')}`;
    });
  };
  const queued = async () => (await sql.query<{ n: number }>('SELECT count(*)::integer AS n FROM trend_stale_subjects'))[0]?.n;
  const seedSample = async () => {
    const report = await seedCatalog(samplePaths(), stores.catalogWriter, { projections: [influx.projection] });
    expect(report.rejected).toEqual([]);
  };

  beforeAll(async () => {
    catalog = await createThrowawayDatabase();
    ({ stores, sql } = await openStoresWithSql(loadConfig({ DATABASE_URL: catalog.url, SEED: 'none' }), createLogger('silent')));
    const policy = new StorePolicy('postgres', isTransientPgError);
    // Uncached, unlike the gateway's composed stores: the test reads right after each write.
    influx = openInflux(
      { url: storeEndpoints.influxdb, database, token: '' },
      { workTrends: new PostgresTrendStore(sql, policy), totals: new PostgresSubjectTrendTotals(sql, policy) },
      createLogger('silent'),
    );
    admin = new InfluxV1Client({ url: storeEndpoints.influxdb, database, timeoutMs: 30_000 });
    await influx.projection.ensureSchema();
    await influx.projection.ensureSchema();
    await seedSample();
  });
  afterAll(async () => {
    await admin?.query(`DROP DATABASE "${database}"`);
    await influx?.close();
    await stores?.close();
    await catalog?.drop();
  });

  it('holds the layout: tags subject_kind and subject_id only (no work_id), integer fields works and citations', async () => {
    expect(influx.trends.backend).toBe('influxdb');
    expect(influx.projection.store).toBe('influxdb');
    const [databases] = await admin.query('SHOW DATABASES');
    expect(databases?.rows.map((r) => r['name'])).toContain(database);
    const [tags] = await admin.query('SHOW TAG KEYS FROM "trend"');
    expect(tags?.rows.map((r) => r['tagKey'])).toEqual(['subject_id', 'subject_kind']);
    const [fields] = await admin.query('SHOW FIELD KEYS FROM "trend"');
    expect(fields?.rows.map((r) => [r['fieldKey'], r['fieldType']])).toEqual([
      ['citations', 'integer'],
      ['works', 'integer'],
    ]);
    // One point per (author or topic, year with a publication or citations), counted from the truth.
    const expected = subjectYears(truth.works.values());
    expect(await countPoints()).toBe([...expected.values()].reduce((n, years) => n + years.size, 0));
    expect(await queued()).toBe(0);
  });

  it('holds at most one series per distinct subject of the sample (authors and topics counted from its JSON), never one per work', async () => {
    const subjects = distinctSubjects(truth.works.values());
    const keys = await seriesKeys();
    expect(keys.length).toBeLessThanOrEqual(subjects);
    expect(new Set(keys)).toEqual(new Set(subjectYears(truth.works.values()).keys()));
    expect(keys).toHaveLength(new Set(keys).size);
    // The sample's years (1950..2026) lie in one shard group: counted shard by shard, still one series per subject.
    const series = await countSeries();
    expect(series).toBe(keys.length);
    // Before, with a work_id tag: one series per (work, subject) — far more than the subjects.
    const perWork = [...truth.works.values()].reduce((n, w) => n + namedAuthorIds(w).length + new Set(w.topicIds).size, 0);
    expect(series).toBeLessThan(perWork);
  });

  trendStoreContract('InfluxDB', () => influx.trends);

  it('answers 20 authors with one InfluxQL query, and works from the catalog rows without asking InfluxDB', async () => {
    const queries: string[] = [];
    const client = new InfluxV1Client({ url: storeEndpoints.influxdb, database });
    const counting = {
      query: (text: string, params?: InfluxParams, options?: InfluxQueryOptions) => {
        queries.push(text);
        return client.query(text, params, options);
      },
    };
    const store = new InfluxTrendStore(counting, new StorePolicy('influxdb', isTransientInfluxError), new PostgresTrendStore(sql, new StorePolicy('postgres', isTransientPgError)));
    const authorIds = [...new Set([...truth.works.values()].flatMap(namedAuthorIds))].slice(0, 20);
    expect(authorIds).toHaveLength(20);
    const subjects = authorIds.map((id) => ({ kind: 'author' as const, id }));
    const series = await store.trends(subjects, WIDE);
    expect(queries).toHaveLength(1);
    expect(series).toEqual(await influx.trends.trends(subjects, WIDE));
    expect(series.flat().some((p) => p.citations > 0)).toBe(true);
    await store.trends([{ kind: 'work', id: [...truth.works.keys()][0] as string }], WIDE);
    expect(queries).toHaveLength(1);
  });

  it('answers every work, author and topic of the sample the same after the whole sample is seeded again', async () => {
    const subjects = everySubject();
    const before = await influx.trends.trends(subjects, WIDE);
    const points = await countPoints();
    const series = await countSeries();
    await seedSample();
    expect(await influx.trends.trends(subjects, WIDE)).toEqual(before);
    expect(await countPoints()).toBe(points);
    expect(await countSeries()).toBe(series);
    expect(await queued()).toBe(0);
  });

  it('re-writing a work with a changed byline, and deleting a work, leave the trends of the source data so changed; seeding again restores them', async () => {
    const subjects = everySubject();
    const before = await influx.trends.trends(subjects, WIDE);
    const works = [...truth.works.values()];
    const onlyWorkOf = (authorId: string) => works.filter((w) => namedAuthorIds(w).includes(authorId)).length === 1;
    // A work whose byline names an author of no other work (dropping it must drop that author's series) and
    // has two topics; the new byline keeps its first author and names one of another work instead.
    const target = works.find((w) => {
      const named = namedAuthorIds(w);
      return named.length >= 2 && onlyWorkOf(named[1] as string) && !onlyWorkOf(named[0] as string) && new Set(w.topicIds).size >= 2 && w.publicationYear !== null;
    }) as TruthWork;
    const [keptAuthorId, droppedAuthorId] = namedAuthorIds(target) as [string, string];
    const addedAuthorId = works.flatMap(namedAuthorIds).find((id) => !namedAuthorIds(target).includes(id)) as string;
    const deleted = works.find((w) => w.id !== target.id && namedAuthorIds(w).length > 0 && !namedAuthorIds(w).includes(addedAuthorId)) as TruthWork;
    const publicationYear = target.publicationYear === 2000 ? 2001 : 2000;

    // The catalog side, as the seed or an article update writes it: the new row, then the projection.
    const original = (await sampleBatches(1)).find((b) => b.works[0]?.id === target.id) as CatalogBatch;
    const work = original.works[0] as WorkWrite;
    const kept = work.authorships.find((a) => a.authorId === keptAuthorId) as WorkWrite['authorships'][number];
    const changed: WorkWrite = {
      ...work,
      publicationYear,
      countsByYear: [{ year: 2025, citedByCount: 3 }],
      authorships: [
        { ...kept, position: 1 },
        { position: 2, authorPosition: 'last', authorId: addedAuthorId, rawAuthorName: 'Added', institutionIds: [] },
      ],
      topics: work.topics.slice(0, 1),
    };
    await stores.catalogWriter.upsert({ ...original, works: [changed] });
    await influx.projection.apply({ ...original, works: [changed] });
    await sql.query('DELETE FROM works WHERE id = $1', [deleted.id]);
    await influx.projection.remove([deleted.id]);

    // The same changes applied to the source JSON's truth, recomputed from scratch.
    const changedTruth: TruthWork = {
      ...target,
      publicationYear,
      countsByYear: [{ year: 2025, cited_by_count: 3 }],
      authorships: [
        { ...(target.authorships.find((a) => a.authorId === keptAuthorId) as TruthWork['authorships'][number]), position: 1 },
        { position: 2, authorPosition: 'last', authorId: addedAuthorId, displayName: null, rawAuthorName: 'Added', institutionIds: [] },
      ],
      topicIds: [work.topics[0]?.topicId as string],
    };
    const after = works.filter((w) => w.id !== deleted.id).map((w) => (w.id === target.id ? changedTruth : w));
    const series = await influx.trends.trends(subjects, WIDE);
    expect(subjects.map((s, i) => ({ ...s, points: series[i] }))).toEqual(subjects.map((s) => ({ ...s, points: expectedYearly(after, s, WIDE) })));
    expect(new Set(await seriesKeys())).toEqual(new Set(subjectYears(after).keys()));
    expect(await seriesKeys()).not.toContain(`author:${droppedAuthorId}`);
    expect(await countPoints()).toBe([...subjectYears(after).values()].reduce((n, years) => n + years.size, 0));
    expect(await countSeries()).toBeLessThanOrEqual(distinctSubjects(after));
    expect((await seriesKeys()).length).toBeLessThanOrEqual(distinctSubjects(after));
    expect(await queued()).toBe(0);

    await seedSample();
    expect(await influx.trends.trends(subjects, WIDE)).toEqual(before);
    expect(new Set(await seriesKeys())).toEqual(new Set(subjectYears(truth.works.values()).keys()));
  });

  it('follows an article created, re-bylined and deleted through the outbox relay (live applies), ending with the source data’s trends', async () => {
    const subjects = everySubject();
    const before = await influx.trends.trends(subjects, WIDE);
    const relay = new OutboxRelay(stores.outbox, stores.snapshot, [influx.projection], () => Promise.resolve(), createLogger('silent'), { initialBackoffMs: 10, maxBackoffMs: 10 });
    const works = [...truth.works.values()];
    const authors = [...new Set(works.flatMap(namedAuthorIds))];
    const topics = [...new Set(works.flatMap((w) => w.topicIds))];
    const [a1, a2, a3] = authors as [string, string, string];
    const [t1, t2] = topics as [string, string];
    const id = `WG${randomBytes(16).toString('hex').toUpperCase()}`;
    const fields = (byline: string[], topicIds: string[], publicationDate: string): ArticleFields => ({
      title: 'Trend probe',
      abstract: null,
      publicationDate,
      doi: null,
      byline: byline.map((authorId) => ({ kind: 'existing' as const, authorId })),
      referencedWorkIds: [],
      topicIds,
      isOpenAccess: false,
      language: null,
    });
    /** The truth with one more work (an article has no counts_by_year): the expected trend of each subject. */
    const expectWith = async (article: TruthWork | undefined) => {
      expect(await relay.flush(30_000)).toBe(true);
      const all = article ? [...works, article] : works;
      const probe = [...subjects.filter((s) => s.kind !== 'work'), ...(article ? [{ kind: 'work' as const, id }] : [])];
      const series = await influx.trends.trends(probe, WIDE);
      expect(probe.map((s, i) => ({ ...s, points: series[i] }))).toEqual(probe.map((s) => ({ ...s, points: expectedYearly(all, s, WIDE) })));
      expect(new Set(await seriesKeys())).toEqual(new Set(subjectYears(all).keys()));
      expect(await queued()).toBe(0);
    };
    const truthArticle = (byline: string[], topicIds: string[], year: number): TruthWork => ({
      ...(works[0] as TruthWork),
      id,
      publicationYear: year,
      countsByYear: [],
      authorships: byline.map((authorId, i) => ({ position: i + 1, authorPosition: null, authorId, displayName: null, rawAuthorName: authorId, institutionIds: [] })),
      topicIds,
    });

    await stores.articleWriter.create(id, fields([a1, a2], [t1, t2], '2024-05-01'), ['influxdb']);
    await expectWith(truthArticle([a1, a2], [t1, t2], 2024));
    await stores.articleWriter.update(id, 1, { byline: [{ kind: 'existing', authorId: a1 }, { kind: 'existing', authorId: a3 }], topicIds: [t1], publicationDate: '2023-03-01' }, ['influxdb']);
    await expectWith(truthArticle([a1, a3], [t1], 2023));
    await stores.articleWriter.delete(id, 2, ['influxdb']);
    await expectWith(undefined);
    expect(await influx.trends.trends(subjects, WIDE)).toEqual(before);
  });

  it('keeps a subject queued again during a round, and runs rounds of concurrent callers one after another', async () => {
    const totals = new PostgresSubjectTrendTotals(sql, new StorePolicy('postgres', isTransientPgError));
    const work = [...truth.works.values()].find((w) => namedAuthorIds(w).length > 0) as TruthWork;
    await totals.queueSubjectsOfWorks([work.id]);
    const queuedBefore = await queued();
    expect(queuedBefore).toBe(namedAuthorIds(work).length + new Set(work.topicIds).size);
    // Queued again (another writer, its own connection) while the round is writing: that entry must stay.
    await totals.recomputeQueued(1000, () => totals.queueSubjectsOfWorks([work.id]));
    expect(await queued()).toBe(queuedBefore);

    const log: string[] = [];
    const first = totals.recomputeQueued(1000, async (round) => {
      log.push(`first took ${round.subjects.length}`);
      await new Promise((resolve) => setTimeout(resolve, 300));
      log.push('first wrote');
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const second = totals.recomputeQueued(1000, async (round) => {
      log.push(`second took ${round.subjects.length}`);
    });
    expect(await Promise.all([first, second])).toEqual([queuedBefore, 0]);
    expect(log).toEqual([`first took ${queuedBefore}`, 'first wrote']);
    expect(await queued()).toBe(0);
  });

  it('counts a work once for an author named twice on its byline', async () => {
    const byline = [1, 2].map((position) => ({ position, authorPosition: null, authorId: 'A9000000001', rawAuthorName: 'Twice', institutionIds: [] }));
    const work = workWrite({
      id: 'W9000000001',
      title: 'Synthetic',
      publicationYear: 2019,
      publicationDate: '2019-05-01',
      type: 'article',
      language: 'en',
      citedByCount: 3,
      countsByYear: [{ year: 2020, citedByCount: 3 }],
      authorships: byline,
    });
    const author = { id: 'A9000000001', displayName: 'Twice', orcid: null, worksCount: null, citedByCount: null, hIndex: null, institutionIds: [], complete: false };
    const batch: CatalogBatch = { works: [work], authors: [author], institutions: [], sources: [], topics: [] };
    await stores.catalogWriter.upsert(batch);
    await influx.projection.apply(batch);
    const range: TrendRange = { from: 2019, to: 2020, interval: 'YEAR' };
    const expected = [
      { period: 2019, works: 1, citations: 0 },
      { period: 2020, works: 0, citations: 3 },
    ];
    expect(await influx.trends.trends([{ kind: 'author', id: 'A9000000001' }], range)).toEqual([expected]);
  });

  it('answers ranges reaching outside the years InfluxDB can hold (1678..2262) with zeros there', async () => {
    const authorId = [...truth.authors.keys()][0] as string;
    const [early] = await influx.trends.trends([{ kind: 'author', id: authorId }], { from: 1600, to: 1799, interval: 'DECADE' });
    expect(early).toHaveLength(20);
    expect(early?.every((p) => p.works === 0 && p.citations === 0)).toBe(true);
    const [late] = await influx.trends.trends([{ kind: 'author', id: authorId }], { from: 2200, to: 2399, interval: 'DECADE' });
    expect(late?.every((p) => p.works === 0 && p.citations === 0)).toBe(true);
  });
});
