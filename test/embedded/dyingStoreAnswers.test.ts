import type http from 'node:http';
import { errors } from '@elastic/elasticsearch';
import pino from 'pino';
import { emptyBatch, type CatalogBatch, type WorkWrite } from '../../datasources/writes/catalogWrite';
import { openElasticsearch } from '../../datasources/elasticsearch/openElasticsearch';
import { InfluxHttpError } from '../../datasources/influxdb/InfluxV1Client';
import { type InfluxCatalogSide, openInflux } from '../../datasources/influxdb/openInflux';
import { StoreUnavailableError } from '../../src/core/errors';
import { type DyingHttpStore, type DyingMode, startDyingHttpStore, type StoreDialect } from '../support/dyingHttpStore';

/*
 * The gateway's real InfluxDB path (openInflux: InfluxV1Client over Node's fetch, under StorePolicy) and the real
 * @elastic/elasticsearch client (openElasticsearch) pointed at a loopback server that answers like a store going
 * away. Each way must come out of the store's policy as StoreUnavailableError naming the store — reads and
 * writes alike —, while a bad query stays the store's own error. Loopback only; every answer is immediate.
 */

const logger = pino({ level: 'silent' });
/** One attempt per call, so each mode is one request; a short timeout bounds a request that hangs. */
const POLICY = { maxAttempts: 1, timeoutMs: 3_000 };

const DYING_MODES: DyingMode[] = ['resetMidBody', 'truncatedBody', 'nonJson200', 'empty200', 'engineClosed500', 'unavailable503'];

const work: WorkWrite = {
  id: 'W1',
  doi: null,
  title: 'Hydrogen storage in depleted reservoirs',
  abstract: null,
  publicationYear: 2020,
  publicationDate: '2020-01-02',
  type: 'article',
  language: 'en',
  citedByCount: 3,
  isOpenAccess: true,
  sourceId: null,
  primaryTopicId: null,
  referencedWorkIds: [],
  relatedWorkIds: [],
  oaStatus: null,
  oaUrl: null,
  countsByYear: [{ year: 2021, citedByCount: 3 }],
  authorships: [{ position: 1, authorPosition: 'first', authorId: 'A1', rawAuthorName: 'Ada Lovelace', institutionIds: [] }],
  topics: [],
};
const batch: CatalogBatch = { ...emptyBatch(), works: [work] };

/** The catalog side of the InfluxDB stores, in memory: every round recomputes author A1 (one point in 2020). */
const catalogSide: InfluxCatalogSide = {
  workTrends: { trends: () => Promise.reject(new Error('no work subject in these tests')) },
  totals: {
    queueSubjectsOfWorks: () => Promise.resolve(),
    recomputeQueued: async (_limit, write) => {
      await write({ subjects: [{ kind: 'author', id: 'A1' }], totals: [{ kind: 'author', id: 'A1', year: 2020, works: 1, citations: 0 }] });
      return 1;
    },
  },
};

const INFLUX: StoreDialect = {
  headers: { 'x-influxdb-version': '1.6.7~rc0' },
  healthy: (req: http.IncomingMessage) =>
    req.url?.startsWith('/query')
      ? JSON.stringify({ results: [{ statement_id: 0, series: [{ name: 'trend', tags: { subject_id: 'A1' }, columns: ['time', 'works', 'citations'], values: [[1577836800000, 1, 0]] }] }] })
      : '',
  engineClosed500: JSON.stringify({ error: 'engine is closed' }),
  unavailable503: JSON.stringify({ error: 'service unavailable' }),
  badQuery400: JSON.stringify({ error: 'error parsing query: found EOF, expected FROM at line 1, char 9' }),
};

const shardFailure = (status: number, type: string, reason: string, topType = 'search_phase_execution_exception') =>
  JSON.stringify({
    error: { root_cause: [{ type, reason }], type: topType, reason: 'all shards failed', phase: 'query', grouped: true, failed_shards: [{ shard: 0, index: 'works', node: 'n1', reason: { type, reason } }] },
    status,
  });

const ELASTICSEARCH: StoreDialect = {
  headers: { 'x-elastic-product': 'Elasticsearch' },
  healthy: (req: http.IncomingMessage) => {
    if (req.url?.startsWith('/_bulk')) return JSON.stringify({ took: 1, errors: false, items: [{ index: { _index: 'works', _id: 'W1', status: 200, result: 'updated' } }] });
    if (req.url?.includes('/_search')) {
      const buckets = { buckets: [] };
      return JSON.stringify({ took: 1, timed_out: false, hits: { total: { value: 0, relation: 'eq' }, max_score: null, hits: [] }, aggregations: { year: buckets, type: buckets, oa: buckets, topic: buckets } });
    }
    return req.method === 'HEAD' ? '' : '{}';
  },
  engineClosed500: shardFailure(500, 'already_closed_exception', '[works][0] engine is closed'),
  unavailable503: shardFailure(503, 'no_shard_available_action_exception', 'No shard available for [works][0]'),
  badQuery400: JSON.stringify({ error: { root_cause: [{ type: 'parsing_exception', reason: 'unknown query [mtch]' }], type: 'parsing_exception', reason: 'unknown query [mtch]' }, status: 400 }),
};

const failure = (call: () => Promise<unknown>) =>
  call().then(
    () => {
      throw new Error('expected the call to fail');
    },
    (err: unknown) => err,
  );

const expectUnavailable = (err: unknown, store: string) => {
  expect(err).toBeInstanceOf(StoreUnavailableError);
  expect(err).toMatchObject({ store, extensions: { code: 'UPSTREAM_UNAVAILABLE', store } });
};

describe('InfluxDB that is going away, through the gateway’s InfluxDB client and policy', () => {
  let server: DyingHttpStore;
  beforeAll(async () => {
    server = await startDyingHttpStore(INFLUX);
  });
  afterAll(() => server.close());

  const open = () => openInflux({ url: server.url, database: 'openalex', token: '' }, catalogSide, logger, { policy: POLICY });
  const readTrend = () => open().trends.trends([{ kind: 'author', id: 'A1' }], { from: 2019, to: 2021, interval: 'YEAR' });

  it('answers when healthy (the server is not failing everything)', async () => {
    server.misbehave('healthy');
    const [points] = await readTrend();
    expect(points?.find((p) => p.period === 2020)).toMatchObject({ works: 1 });
    await expect(open().projection.apply(batch)).resolves.toBeUndefined();
  });

  it.each(DYING_MODES)('a trend read answered with %s is UPSTREAM_UNAVAILABLE naming influxdb', async (mode) => {
    server.misbehave(mode);
    expectUnavailable(await failure(readTrend), 'influxdb');
  });

  it.each(DYING_MODES)('a projection write answered with %s is UPSTREAM_UNAVAILABLE naming influxdb', async (mode) => {
    server.misbehave(mode, ['/write']);
    const before = server.requests.length;
    expectUnavailable(await failure(() => open().projection.apply(batch)), 'influxdb');
    expect(server.requests.slice(before).some((r) => r.startsWith('POST /write'))).toBe(true);
  });

  it('a 200 result saying the engine is closed is UPSTREAM_UNAVAILABLE too', async () => {
    const closing = await startDyingHttpStore({ ...INFLUX, healthy: () => JSON.stringify({ results: [{ statement_id: 0, error: 'engine is closed' }] }) });
    try {
      const err = await failure(() => openInflux({ url: closing.url, database: 'openalex', token: '' }, catalogSide, logger, { policy: POLICY }).trends.trends([{ kind: 'author', id: 'A1' }], { from: 2019, to: 2021, interval: 'YEAR' }));
      expectUnavailable(err, 'influxdb');
    } finally {
      await closing.close();
    }
  });

  it('an InfluxQL parse error (400) stays an InfluxHttpError: the caller’s fault, not an outage', async () => {
    server.misbehave('badQuery400');
    const err = await failure(readTrend);
    expect(err).toBeInstanceOf(InfluxHttpError);
    expect(err).not.toBeInstanceOf(StoreUnavailableError);
    expect((err as InfluxHttpError).status).toBe(400);
  });
});

describe('Elasticsearch that is going away, through the real @elastic/elasticsearch client and policy', () => {
  let server: DyingHttpStore;
  beforeAll(async () => {
    server = await startDyingHttpStore(ELASTICSEARCH);
  });
  afterAll(() => server.close());

  const stores: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((s) => s.close()));
  });
  const open = () => {
    const es = openElasticsearch({ url: server.url }, logger, { policy: POLICY });
    stores.push(es);
    return es;
  };
  const search = () => open().search.search('hydrogen storage', undefined, { first: 5, sort: [] });

  it('answers when healthy (the server is not failing everything)', async () => {
    server.misbehave('healthy');
    expect((await search()).page.edges).toEqual([]);
    await expect(open().projection.apply(batch)).resolves.toBeUndefined();
  });

  it.each(DYING_MODES)('a search answered with %s is UPSTREAM_UNAVAILABLE naming elasticsearch', async (mode) => {
    server.misbehave(mode);
    expectUnavailable(await failure(search), 'elasticsearch');
  });

  it.each(DYING_MODES)('a bulk index answered with %s is UPSTREAM_UNAVAILABLE naming elasticsearch', async (mode) => {
    server.misbehave(mode, ['/_bulk']);
    expectUnavailable(await failure(() => open().projection.apply(batch)), 'elasticsearch');
  });

  it('a query Elasticsearch cannot parse (400) stays a ResponseError: the caller’s fault, not an outage', async () => {
    server.misbehave('badQuery400');
    const err = await failure(search);
    expect(err).toBeInstanceOf(errors.ResponseError);
    expect(err).not.toBeInstanceOf(StoreUnavailableError);
    expect((err as errors.ResponseError).statusCode).toBe(400);
  });
});
