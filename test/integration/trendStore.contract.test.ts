import { randomBytes } from 'node:crypto';
import { type CatalogBatch, type WorkWrite } from '../../datasources/writes/catalogWrite';
import { InfluxTrendStore } from '../../datasources/influxdb/InfluxTrendStore';
import { type InfluxParams, type InfluxQueryOptions, InfluxV1Client } from '../../datasources/influxdb/InfluxV1Client';
import { isTransientInfluxError } from '../../datasources/influxdb/isTransientInfluxError';
import { openInflux, type InfluxStores } from '../../datasources/influxdb/openInflux';
import { isTransientPgError } from '../../datasources/postgres/isTransientPgError';
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
import { sampleBatches } from '../support/sampleBatches';

describeStore('postgres', 'PostgresTrendStore on real PostgreSQL', () => {
  let database: Awaited<ReturnType<typeof createThrowawayDatabase>>;
  let stores: Stores;
  let sql: SqlExecutor;
  let trends: PostgresTrendStore;

  beforeAll(async () => {
    database = await createThrowawayDatabase();
    ({ stores, sql } = await openStoresWithSql(loadConfig({ DATABASE_URL: database.url, SEED: 'none' }), createLogger('silent')));
    const report = await seedCatalog(samplePaths(), stores.catalogWriter);
    expect(report.rejected).toEqual([]);
    trends = new PostgresTrendStore(sql, new StorePolicy('postgres', isTransientPgError));
  });
  afterAll(async () => {
    await stores?.close();
    await database?.drop();
  });

  it('runs on the PostgreSQL server', () => {
    expect(sql.backend).toBe('postgresql');
    expect(trends.backend).toBe('postgresql');
  });

  trendStoreContract('PostgreSQL', () => trends);
});

describeStore('influxdb', 'InfluxTrendStore and InfluxProjection on real InfluxDB', () => {
  // A throwaway database per run (created by ensureSchema, dropped at the end): other tests may share the server.
  const database = `openalex_it_${randomBytes(6).toString('hex')}`;
  let influx: InfluxStores;
  // A second client for the test's own checks (counts, schema), so they never go through the code under test.
  let admin: InfluxV1Client;
  const truth = sampleGroundTruth();

  /** Subjects of every kind, every loaded work included, for before/after comparisons. */
  const everySubject = (): TrendSubject[] => [
    ...[...truth.authors.keys()].map((id) => ({ kind: 'author' as const, id })),
    ...[...truth.works.keys()].map((id) => ({ kind: 'work' as const, id })),
    ...[...new Set([...truth.works.values()].flatMap((w) => w.topicIds))].map((id) => ({ kind: 'topic' as const, id })),
  ];
  const WIDE: TrendRange = { from: 1950, to: 2026, interval: 'YEAR' };

  const countPoints = async () => {
    const [series] = await admin.query('SELECT count("works") AS n FROM "trend"');
    return Number(series?.rows[0]?.['n'] ?? 0);
  };
  const countSeries = async () => {
    const [series] = await admin.query('SHOW SERIES CARDINALITY FROM "trend"');
    return Number(series?.rows[0]?.['count'] ?? 0);
  };

  beforeAll(async () => {
    influx = openInflux({ url: storeEndpoints.influxdb, database, token: '' }, createLogger('silent'));
    admin = new InfluxV1Client({ url: storeEndpoints.influxdb, database, timeoutMs: 30_000 });
    await influx.projection.ensureSchema();
    await influx.projection.ensureSchema();
    for (const batch of await sampleBatches(50)) await influx.projection.apply(batch);
  });
  afterAll(async () => {
    await admin?.query(`DROP DATABASE "${database}"`);
    await influx?.close();
  });

  it('created its database and holds the layout: tags subject_kind, subject_id, work_id; integer fields works, citations', async () => {
    expect(influx.trends.backend).toBe('influxdb');
    expect(influx.projection.store).toBe('influxdb');
    const [databases] = await admin.query('SHOW DATABASES');
    expect(databases?.rows.map((r) => r['name'])).toContain(database);
    const [tags] = await admin.query('SHOW TAG KEYS FROM "trend"');
    expect(tags?.rows.map((r) => r['tagKey'])).toEqual(['subject_id', 'subject_kind', 'work_id']);
    const [fields] = await admin.query('SHOW FIELD KEYS FROM "trend"');
    expect(fields?.rows.map((r) => [r['fieldKey'], r['fieldType']])).toEqual([
      ['citations', 'integer'],
      ['works', 'integer'],
    ]);
    // One point per (subject, work, year with a publication or citations), counted from the truth.
    const expectedPoints = [...truth.works.values()].reduce((n, w) => {
      const years = new Set([...(w.publicationYear === null ? [] : [w.publicationYear]), ...w.countsByYear.filter((c) => c.cited_by_count > 0).map((c) => c.year)]);
      const subjects = 1 + namedAuthorIds(w).length + new Set(w.topicIds).size;
      return n + years.size * subjects;
    }, 0);
    expect(await countPoints()).toBe(expectedPoints);
  });

  trendStoreContract('InfluxDB', () => influx.trends);

  it('answers 20 authors with one InfluxQL query', async () => {
    const queries: string[] = [];
    const client = new InfluxV1Client({ url: storeEndpoints.influxdb, database });
    const counting = {
      query: (text: string, params?: InfluxParams, options?: InfluxQueryOptions) => {
        queries.push(text);
        return client.query(text, params, options);
      },
    };
    const store = new InfluxTrendStore(counting, new StorePolicy('influxdb', isTransientInfluxError));
    const authorIds = [...new Set([...truth.works.values()].flatMap(namedAuthorIds))].slice(0, 20);
    expect(authorIds).toHaveLength(20);
    const subjects = authorIds.map((id) => ({ kind: 'author' as const, id }));
    const series = await store.trends(subjects, WIDE);
    expect(queries).toHaveLength(1);
    expect(series).toEqual(await influx.trends.trends(subjects, WIDE));
    expect(series.flat().some((p) => p.citations > 0)).toBe(true);
  });

  it('answers every work, author and topic of the sample at once, and the same after the whole sample is applied again', async () => {
    const subjects = everySubject();
    const before = await influx.trends.trends(subjects, WIDE);
    const points = await countPoints();
    const series = await countSeries();
    for (const batch of await sampleBatches(80)) await influx.projection.apply(batch);
    expect(await influx.trends.trends(subjects, WIDE)).toEqual(before);
    expect(await countPoints()).toBe(points);
    expect(await countSeries()).toBe(series);
  });

  it('replaces a reloaded work’s points (no stale author, topic or year), and a later full reload restores them', async () => {
    const subjects = everySubject();
    const before = await influx.trends.trends(subjects, WIDE);
    const batches = await sampleBatches(1);
    const original = batches.find((b) => {
      const w = b.works[0];
      const named = w?.authorships.slice(0, 2).filter((a) => a.authorId !== null).length;
      return w !== undefined && named === 2 && w.topics.length >= 2 && w.countsByYear.length >= 2 && w.publicationYear !== null;
    }) as CatalogBatch;
    const work = original.works[0] as WorkWrite;
    const [keptAuthor, droppedAuthor] = work.authorships as [WorkWrite['authorships'][number], WorkWrite['authorships'][number]];
    const droppedAuthorId = droppedAuthor.authorId as string;
    const keptAuthorId = keptAuthor.authorId as string;
    const [keptTopic, droppedTopic] = work.topics as [WorkWrite['topics'][number], WorkWrite['topics'][number]];
    const publicationYear = (work.publicationYear as number) === 2000 ? 2001 : 2000;
    const changed: WorkWrite = {
      ...work,
      publicationYear,
      countsByYear: [{ year: 2025, citedByCount: 1 }],
      authorships: [keptAuthor],
      topics: [keptTopic],
    };
    await influx.projection.apply({ ...original, works: [changed] });

    const range: TrendRange = { from: 1950, to: 2026, interval: 'YEAR' };
    const only = (year: number, works: number, citations: number) =>
      Array.from({ length: 77 }, (_, i) => ({ period: 1950 + i, works: 1950 + i === year ? works : 0, citations: 1950 + i === year ? citations : 0 }));
    const [asWork] = await influx.trends.trends([{ kind: 'work', id: work.id }], range);
    expect(asWork).toEqual(only(2025, 0, 1).map((p) => (p.period === publicationYear ? { ...p, works: 1 } : p)));
    // The dropped author and topic no longer count the work; the kept ones count its new values.
    const dropped = await influx.trends.trends(
      [
        { kind: 'author', id: droppedAuthorId },
        { kind: 'topic', id: droppedTopic.topicId },
      ],
      range,
    );
    /** The truth's works that `pick` keeps, the changed work left out. */
    const truthWorksOf = (pick: (w: TruthWork) => boolean) => [...truth.works.values()].filter((w) => w.id !== work.id && pick(w));
    const expectedWithout = (works: readonly TruthWork[]) =>
      Array.from({ length: 77 }, (_, i) => {
        const year = 1950 + i;
        return {
          period: year,
          works: works.filter((w) => w.publicationYear === year).length,
          citations: works.flatMap((w) => w.countsByYear).reduce((n, c) => n + (c.year === year ? c.cited_by_count : 0), 0),
        };
      });
    expect(dropped[0]).toEqual(expectedWithout(truthWorksOf((w) => w.authorships.some((a) => a.authorId === droppedAuthorId))));
    expect(dropped[1]).toEqual(expectedWithout(truthWorksOf((w) => w.topicIds.includes(droppedTopic.topicId))));
    const [kept] = await influx.trends.trends([{ kind: 'author', id: keptAuthorId }], range);
    const keptBase = expectedWithout(truthWorksOf((w) => w.authorships.some((a) => a.authorId === keptAuthorId)));
    expect(kept).toEqual(keptBase.map((p) => ({ ...p, works: p.works + (p.period === publicationYear ? 1 : 0), citations: p.citations + (p.period === 2025 ? 1 : 0) })));

    for (const batch of await sampleBatches(50)) await influx.projection.apply(batch);
    expect(await influx.trends.trends(subjects, WIDE)).toEqual(before);
  });

  it('counts a work once for an author named twice on its byline', async () => {
    const byline = [1, 2].map((position) => ({ position, authorPosition: null, authorId: 'A9000000001', rawAuthorName: 'Twice', institutionIds: [] }));
    const work: WorkWrite = {
      id: 'W9000000001',
      doi: null,
      title: 'Synthetic',
      abstract: null,
      publicationYear: 2019,
      publicationDate: '2019-05-01',
      type: 'article',
      language: 'en',
      citedByCount: 3,
      isOpenAccess: false,
      sourceId: null,
      primaryTopicId: null,
      referencedWorkIds: [],
      relatedWorkIds: [],
      oaStatus: null,
      oaUrl: null,
      countsByYear: [{ year: 2020, citedByCount: 3 }],
      authorships: byline,
      topics: [],
    };
    await influx.projection.apply({ works: [work], authors: [], institutions: [], sources: [], topics: [] });
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
