import neo4j from 'neo4j-driver';
import type { Projection } from '../../datasources/writes/Projection';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/core/logger';
import { openStores, type Stores } from '../../src/stores';
import { reindexProjections } from '../../src/writes/reindex';
import { sampleGroundTruth } from '../support/sampleGroundTruth';
import { neo4jAuth, storeEndpoints } from '../support/storeEndpoints';
import { startTestGateway, type TestGateway } from '../support/testGateway';
import { describeStore } from './support/describeStore';
import { preparePolyglotStores, type PolyglotStores } from './support/polyglotGateway';

const logger = createLogger('silent');

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
 * `npm run reindex` rebuilds Neo4j in place without readers seeing it empty: from the moment the store is marked,
 * every gateway on the catalog — two replicas here, neither of them the process rebuilding — answers citations from
 * PostgreSQL, as the sample's JSON says, while the graph holds only part of the works; once the rebuild is complete
 * they answer from Neo4j again. A rebuild that fails leaves the mark: PostgreSQL keeps answering until the next
 * rebuild succeeds.
 */
describeStore(['postgres', 'redis', 'neo4j', 'influxdb', 'elasticsearch'], 'rebuilding Neo4j in place while gateways answer', () => {
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

  /** What each replica answers for the citers of `cited`, and which backend it says answers citations. */
  async function answers(): Promise<{ citers: Record<string, string[]>; neo4jBackend: string | undefined }[]> {
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
        const info = await gateway.gql<{ gateway: { stores: { store: string; backend: string }[] } }>('{ gateway { stores { store backend } } }');
        return { citers: byWork, neo4jBackend: info.data?.gateway.stores.find((s) => s.store === 'NEO4J')?.backend };
      }),
    );
  }

  const expected = (neo4jBackend: string) => replicas.map(() => ({ citers: Object.fromEntries(cited.map((id) => [id, citers(id)])), neo4jBackend }));

  const loadedInGraph = async () => Number((await driver.executeQuery('MATCH (w:Work) WHERE w.loaded RETURN count(w) AS n')).records[0]?.get('n'));

  /** Polls until every replica says Neo4j answers again (they see the cleared mark within a second). */
  async function untilNeo4jAnswers(): Promise<void> {
    for (const until = Date.now() + 5_000; Date.now() < until; await new Promise((r) => setTimeout(r, 200))) {
      if ((await answers()).every((a) => a.neo4jBackend === 'neo4j')) return;
    }
  }

  it('answers citations from PostgreSQL while the graph is being refilled, and from Neo4j once it is rebuilt', async () => {
    expect(cited.every((id) => citers(id).length > 0)).toBe(true);
    expect(await answers()).toEqual(expected('neo4j'));
    const stores = reindexer as Stores;
    const held = gate();
    const projection = interrupted(stores.projections.find((p) => p.store === 'neo4j') as Projection, async () => {
      held.arrive();
      await held.released;
    });
    // The replicas have just read the marks (none): only the settle delay keeps them off the graph being emptied.
    const rebuilt = reindexProjections(stores.snapshot, [projection], { batchSize: 10, marks: stores.rebuildMarks });
    try {
      await held.reached;
      expect(await stores.rebuildMarks.marked()).toEqual(new Set(['neo4j']));
      expect(await loadedInGraph()).toBeLessThan(truth.works.size);
      expect(await answers()).toEqual(expected('postgresql'));
    } finally {
      held.release();
    }
    const [report] = await rebuilt;
    expect(report?.works).toBe(truth.works.size);
    expect(await stores.rebuildMarks.marked()).toEqual(new Set());
    expect(await loadedInGraph()).toBe(truth.works.size);
    await untilNeo4jAnswers();
    expect(await answers()).toEqual(expected('neo4j'));
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
    expect(await answers()).toEqual(expected('postgresql'));

    await reindexProjections(stores.snapshot, [neo4jProjection], { marks: stores.rebuildMarks });
    expect(await stores.rebuildMarks.marked()).toEqual(new Set());
    await untilNeo4jAnswers();
    expect(await answers()).toEqual(expected('neo4j'));
  });
});
