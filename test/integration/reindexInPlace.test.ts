import neo4j from 'neo4j-driver';
import type { Projection } from '../../datasources/writes/Projection';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/core/logger';
import { openStores, type Stores } from '../../src/stores';
import { reindexProjections } from '../../src/writes/reindex';
import { namedAuthorIds, sampleGroundTruth } from '../support/sampleGroundTruth';
import { neo4jAuth, storeEndpoints } from '../support/storeEndpoints';
import { startTestGateway, type TestGateway } from '../support/testGateway';
import { describeStore } from './support/describeStore';
import { preparePolyglotStores, type PolyglotStores } from './support/polyglotGateway';

const logger = createLogger('silent');
const FROM = 2000;
const TO = 2026;

interface TrendPoint {
  readonly period: number;
  readonly works: number;
  readonly citations: number;
}

/** What one replica answered. */
interface Answers {
  readonly citers: Record<string, string[]>;
  readonly trends: Record<string, TrendPoint[]>;
  readonly backends: { readonly neo4j: string | undefined; readonly influxdb: string | undefined };
}

/** A point the rebuild stops at: `arrive` there, wait for `released`. */
interface Gate {
  readonly reached: Promise<void>;
  readonly released: Promise<void>;
  arrive(): void;
  release(): void;
}

function gate(): Gate {
  const signal = () => {
    let fire = () => undefined as void;
    const fired = new Promise<void>((resolve) => (fire = resolve));
    return { fired, fire: () => fire() };
  };
  const reached = signal();
  const released = signal();
  return { reached: reached.fired, released: released.fired, arrive: reached.fire, release: released.fire };
}

/**
 * `projection` whose in-place rebuild, once emptied and given its first batch, runs `atSecondBatch` before the second
 * one (holding it there, or failing it).
 */
function interrupted(projection: Projection, atSecondBatch: () => Promise<void>): Projection {
  return {
    store: projection.store,
    ensureSchema: () => projection.ensureSchema(),
    apply: (batch, mode) => projection.apply(batch, mode),
    remove: (ids) => projection.remove(ids),
    close: () => projection.close(),
    startRebuild: async (hooks) => {
      const started = await projection.startRebuild(hooks);
      let batches = 0;
      return {
        ...started,
        target: {
          apply: async (batch, mode) => {
            if (++batches === 2) await atSecondBatch();
            await started.target.apply(batch, mode);
          },
          remove: (ids) => started.target.remove(ids),
          completeBulk: () => started.target.completeBulk?.() ?? Promise.resolve(),
        },
      };
    },
  };
}

/**
 * `npm run reindex` rebuilds Neo4j and InfluxDB in place without readers seeing them empty: from the moment a store
 * is marked, every gateway on the catalog — two replicas here, neither of them the process rebuilding — answers
 * citations and trends from PostgreSQL, as the sample's JSON says, while the graph holds only part of the works; once
 * the rebuild is complete they answer from the stores again. A rebuild that fails leaves the mark: PostgreSQL keeps answering until the next
 * rebuild succeeds.
 */
describeStore(['postgres', 'redis', 'neo4j', 'influxdb', 'elasticsearch'], 'rebuilding Neo4j and InfluxDB in place while gateways answer', () => {
  const truth = sampleGroundTruth();
  const works = [...truth.works.values()];
  const citers = (id: string) =>
    works
      .filter((w) => w.referencedWorkIds.includes(id))
      .map((w) => w.id)
      .sort();
  // The most cited sample works: the answers a half-rebuilt graph gets wrong first.
  const cited = works
    .map((w) => w.id)
    .sort((a, b) => citers(b).length - citers(a).length)
    .slice(0, 5);
  // The authors with the most works, and their yearly works and citations (counts_by_year) as the JSON says.
  const worksOf = (author: string) => works.filter((w) => namedAuthorIds(w).includes(author));
  const authors = [...truth.authors.keys()].sort((a, b) => worksOf(b).length - worksOf(a).length).slice(0, 3);
  const yearly = (author: string, to = TO): TrendPoint[] =>
    Array.from({ length: to - FROM + 1 }, (_, i) => FROM + i).map((year) => ({
      period: year,
      works: worksOf(author).filter((w) => w.publicationYear === year).length,
      citations: worksOf(author).reduce((sum, w) => sum + w.countsByYear.filter((c) => c.year === year).reduce((n, c) => n + c.cited_by_count, 0), 0),
    }));
  let room: PolyglotStores | undefined;
  let replicas: TestGateway[] = [];
  let reindexer: Stores | undefined;
  const driver = neo4j.driver(storeEndpoints.neo4j, neo4j.auth.basic(neo4jAuth.user, neo4jAuth.password));

  beforeAll(async () => {
    // No response cache: every answer below is computed by the backend the gateway chooses at that moment.
    room = await preparePolyglotStores('inplace', { RESPONSE_CACHE: 'off' });
    replicas = [await startTestGateway(room.env)];
    replicas.push(await startTestGateway({ ...room.env, SEED: 'none', OUTBOX_RELAY: 'off' }));
    reindexer = await openStores(loadConfig(room.env), logger);
  });

  afterAll(async () => {
    await reindexer?.close();
    for (const r of replicas) await r.stop();
    await room?.release();
    await driver.close();
  });

  /**
   * What each replica answers for the citers of `cited` and the trends of `authors` from FROM to `to`, and which
   * backends it says answer them.
   */
  async function answers(to = TO): Promise<Answers[]> {
    return Promise.all(
      replicas.map(async (gateway) => {
        const byWork: Record<string, string[]> = {};
        for (const id of cited) {
          const res = await gateway.gql<{ work: { citedBy: { totalCount: number; nodes: { id: string }[] } } }>(
            'query($id: ID!) { work(id: $id) { citedBy(first: 200) { totalCount nodes { id } } } }',
            { id },
          );
          expect(res.errors).toBeUndefined();
          const page = res.data?.work.citedBy;
          expect(page?.totalCount).toBe(page?.nodes.length);
          byWork[id] = (page?.nodes.map((n) => n.id) ?? []).sort();
        }
        const query = authors.map((id, i) => `a${i}: author(id: "${id}") { trend(from: ${FROM}, to: ${to}) { points { period works citations } } }`).join('\n');
        const res = await gateway.gql<Record<string, { trend: { points: TrendPoint[] } }>>(`{ ${query} }`);
        expect(res.errors).toBeUndefined();
        const info = await gateway.gql<{ gateway: { stores: { store: string; backend: string }[] } }>('{ gateway { stores { store backend } } }');
        const backendOf = (store: string) => info.data?.gateway.stores.find((s) => s.store === store)?.backend;
        return {
          citers: byWork,
          trends: Object.fromEntries(authors.map((id, i) => [id, res.data?.[`a${i}`]?.trend.points ?? []])),
          backends: { neo4j: backendOf('NEO4J'), influxdb: backendOf('INFLUXDB') },
        };
      }),
    );
  }

  /** What every replica must answer, whichever backend answers: the sample's JSON. */
  const expected = (backends: Answers['backends'], to = TO): Answers[] =>
    replicas.map(() => ({
      citers: Object.fromEntries(cited.map((id) => [id, citers(id)])),
      trends: Object.fromEntries(authors.map((id) => [id, yearly(id, to)])),
      backends,
    }));

  const loadedInGraph = async () => Number((await driver.executeQuery('MATCH (w:Work) WHERE w.loaded RETURN count(w) AS n')).records[0]?.get('n'));

  /** Polls until every replica says the projections answer again (they see a cleared mark within a second). */
  async function untilProjectionsAnswer(): Promise<void> {
    for (const until = Date.now() + 5_000; Date.now() < until; await new Promise((r) => setTimeout(r, 200))) {
      if ((await answers()).every((a) => a.backends.neo4j === 'neo4j' && a.backends.influxdb === 'influxdb')) return;
    }
  }

  it('answers citations and trends from PostgreSQL while Neo4j and InfluxDB are refilled, and from them once they are rebuilt', async () => {
    expect(cited.every((id) => citers(id).length > 0)).toBe(true);
    expect(authors.every((id) => yearly(id).some((p) => p.citations > 0))).toBe(true);
    const own = { neo4j: 'neo4j', influxdb: 'influxdb' };
    expect(await answers()).toEqual(expected(own));
    const stores = reindexer as Stores;
    // Each rebuild stops before its second batch until both are there.
    const held = { neo4j: gate(), influxdb: gate() };
    const projections = (['neo4j', 'influxdb'] as const).map((store) =>
      interrupted(stores.projections.find((p) => p.store === store) as Projection, async () => {
        held[store].arrive();
        await held[store].released;
      }),
    );
    // The replicas have just read the marks (none): only the settle delay keeps them off the stores being emptied.
    const rebuilt = reindexProjections(stores.snapshot, projections, { batchSize: 10, marks: stores.rebuildMarks });
    try {
      await Promise.all([held.neo4j.reached, held.influxdb.reached]);
      expect(await stores.rebuildMarks.marked()).toEqual(new Set(['neo4j', 'influxdb']));
      expect(await loadedInGraph()).toBeLessThan(truth.works.size);
      // A range not asked before: a series cached from InfluxDB before the rebuild would answer (rightly) for it.
      expect(await answers(TO - 1)).toEqual(expected({ neo4j: 'postgresql', influxdb: 'postgresql' }, TO - 1));
    } finally {
      held.neo4j.release();
      held.influxdb.release();
    }
    const reports = await rebuilt;
    expect(reports.map((r) => [r.store, r.works])).toEqual([
      ['neo4j', truth.works.size],
      ['influxdb', truth.works.size],
    ]);
    expect(await stores.rebuildMarks.marked()).toEqual(new Set());
    expect(await loadedInGraph()).toBe(truth.works.size);
    await untilProjectionsAnswer();
    expect(await answers()).toEqual(expected(own));
  });

  it('keeps answering from PostgreSQL after a failed rebuild, until a rebuild succeeds', async () => {
    const stores = reindexer as Stores;
    const neo4jProjection = stores.projections.find((p) => p.store === 'neo4j') as Projection;
    const failing = interrupted(neo4jProjection, async () => Promise.reject(new Error('Neo4j went away mid-rebuild')));
    const left: string[] = [];
    await expect(
      reindexProjections(stores.snapshot, [failing], { batchSize: 10, marks: stores.rebuildMarks, onMarkLeft: (store) => left.push(store) }),
    ).rejects.toThrow('Neo4j went away mid-rebuild');
    expect(left).toEqual(['neo4j']);
    expect(await stores.rebuildMarks.marked()).toEqual(new Set(['neo4j']));
    expect(await loadedInGraph()).toBeLessThan(truth.works.size);
    expect(await answers()).toEqual(expected({ neo4j: 'postgresql', influxdb: 'influxdb' }));

    await reindexProjections(stores.snapshot, [neo4jProjection], { marks: stores.rebuildMarks });
    expect(await stores.rebuildMarks.marked()).toEqual(new Set());
    await untilProjectionsAnswer();
    expect(await answers()).toEqual(expected({ neo4j: 'neo4j', influxdb: 'influxdb' }));
  });
});
