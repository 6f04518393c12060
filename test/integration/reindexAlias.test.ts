import { randomBytes } from 'node:crypto';
import { Client } from '@elastic/elasticsearch';
import type { CatalogSnapshot } from '../../datasources/CatalogSnapshot';
import type { ElasticProjection } from '../../datasources/elasticsearch/ElasticProjection';
import { SUGGESTION_INDEX_MAPPINGS, SUGGESTION_INDEX_SETTINGS, suggestionIndexOf } from '../../datasources/elasticsearch/suggestionIndexMapping';
import { WORK_INDEX_MAPPINGS, WORK_INDEX_SETTINGS } from '../../datasources/elasticsearch/workIndexMapping';
import { emptyBatch, type WorkWrite } from '../../datasources/writes/catalogWrite';
import type { Projection } from '../../datasources/writes/Projection';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/core/logger';
import { samplePaths } from '../../src/seed/samplePaths';
import { seedCatalog } from '../../src/seed/seedCatalog';
import { openStores, type Stores } from '../../src/stores';
import { reindexProjections } from '../../src/writes/reindex';
import { sampleGroundTruth } from '../support/sampleGroundTruth';
import { storeEndpoints } from '../support/storeEndpoints';
import { workWrite } from '../support/workWrite';
import { describeStore } from './support/describeStore';
import { deleteIndexFamily, indexFamily } from './support/elasticIndexFamily';
import { createThrowawayDatabase } from './support/throwawayDatabase';

const logger = createLogger('silent');
/** Longest a rebuild of the sample may take here before the test gives up polling. */
const REBUILD_BOUND_MS = 120_000;

/** Reads while the rebuild runs: what the gateway's search and the suggestion alias count, sampled until `stop`. */
interface Poller {
  readonly works: number[];
  readonly suggestions: number[];
  /** Reads that failed, with when. */
  readonly failures: { readonly at: number; readonly error: string }[];
  stop(): Promise<void>;
}

/**
 * `npm run reindex -- --store elasticsearch` without a gap: the sample is seeded into concrete indices named as the
 * configuration says (what versions before the alias scheme created), beside a leftover generation of a crashed
 * rebuild. Rebuilt twice (legacy → alias, then alias → alias), searches made throughout — at every page the rebuild
 * reads, and continuously beside it — never count fewer works than the catalog held when it started; works written
 * during the rebuild (while it pages, and after its own reconciling, just before the swap) are in the new index;
 * legacy, leftover and previous indices are gone.
 */
describeStore(['postgres', 'elasticsearch'], 'reindex by alias swap on real Elasticsearch', () => {
  const index = `works_alias_${randomBytes(6).toString('hex')}`;
  const suggestions = suggestionIndexOf(index);
  const sampleWorks = sampleGroundTruth().works.size;
  let database: Awaited<ReturnType<typeof createThrowawayDatabase>>;
  let stores: Stores;
  let projection: ElasticProjection;
  let admin: Client;
  let suggestionsSeeded = 0;
  const writtenDuringRebuilds: WorkWrite[] = [];

  beforeAll(async () => {
    admin = new Client({ node: storeEndpoints.elasticsearch });
    // A gateway before the alias scheme: concrete indices of the configured names, created with the mapping.
    await admin.indices.create({ index, settings: WORK_INDEX_SETTINGS, mappings: WORK_INDEX_MAPPINGS });
    await admin.indices.create({ index: suggestions, settings: SUGGESTION_INDEX_SETTINGS, mappings: SUGGESTION_INDEX_MAPPINGS });
    // A rebuild that crashed half-way: a generation no alias points at.
    await admin.indices.create({ index: `${index}_v7`, settings: WORK_INDEX_SETTINGS, mappings: WORK_INDEX_MAPPINGS });
    await admin.index({ index: `${index}_v7`, id: 'W1', document: { id: 'W1' }, refresh: true });
    database = await createThrowawayDatabase();
    stores = await openStores(
      loadConfig({ DATABASE_URL: database.url, SEED: 'none', ELASTICSEARCH_URL: storeEndpoints.elasticsearch, ELASTICSEARCH_INDEX: index, LOG_LEVEL: 'silent' }),
      logger,
    );
    projection = stores.projections.find((p) => p.store === 'elasticsearch') as ElasticProjection;
    await seedCatalog(samplePaths(), stores.catalogWriter, { projections: stores.projections });
    await projection.refresh();
    suggestionsSeeded = (await admin.count({ index: suggestions })).count;
  });

  afterAll(async () => {
    await stores?.close();
    await database?.drop();
    if (admin) await deleteIndexFamily(admin, index);
    await admin?.close();
  });

  const searchCount = async () => (await stores.search.search('', undefined, { first: 1, sort: [] })).page.totalCount();

  /** Samples the counts through the configured names, one request after another, until stopped (or the bound). */
  function startPolling(): Poller {
    const works: number[] = [];
    const counted: number[] = [];
    const failures: { at: number; error: string }[] = [];
    let stopped = false;
    const deadline = Date.now() + REBUILD_BOUND_MS;
    const sample = async (read: () => Promise<number>, into: number[]) => {
      try {
        into.push(await read());
      } catch (err) {
        failures.push({ at: Date.now(), error: String((err as { cause?: unknown }).cause ?? err) });
      }
    };
    const loop = (async () => {
      while (!stopped && Date.now() < deadline) {
        await sample(searchCount, works);
        await sample(async () => (await admin.count({ index: suggestions })).count, counted);
      }
    })();
    return {
      works,
      suggestions: counted,
      failures,
      stop: async () => {
        stopped = true;
        await loop;
      },
    };
  }

  /** A work the catalog gains while the rebuild runs, projected live as the outbox relay does (through the alias). */
  async function writeLive(title: string): Promise<void> {
    const work = workWrite({ id: `W99000000${writtenDuringRebuilds.length + 1}`, title, publicationYear: 2025, type: 'article' });
    const batch = { ...emptyBatch(), works: [work] };
    await stores.catalogWriter.upsert(batch);
    await projection.apply(batch);
    writtenDuringRebuilds.push(work);
  }

  /**
   * Rebuilds in pages of 10 works; at each page the search is counted (`atPages`), at page 3 a work is written live,
   * and just before the swap another one.
   */
  async function rebuild(label: string): Promise<{ atPages: number[]; poller: Poller; published: { from: number; to: number } }> {
    const atPages: number[] = [];
    let published = { from: 0, to: 0 };
    const inner = stores.snapshot;
    let pages = 0;
    const snapshot: CatalogSnapshot = {
      batchForWorks: (ids) => inner.batchForWorks(ids),
      workIdsAfter: async (after, limit) => {
        atPages.push(await searchCount());
        if (++pages === 3) await writeLive(`${label}: written while it pages`);
        return inner.workIdsAfter(after, limit);
      },
      workIdsChangedSince: (since) => inner.workIdsChangedSince(since),
      existingWorkIds: (ids) => inner.existingWorkIds(ids),
      entitiesAfter: (kind, after, limit) => inner.entitiesAfter(kind, after, limit),
      now: () => inner.now(),
    };
    const swapping: Projection = {
      store: projection.store,
      ensureSchema: () => projection.ensureSchema(),
      apply: (batch) => projection.apply(batch),
      remove: (ids) => projection.remove(ids),
      close: () => projection.close(),
      startRebuild: async () => {
        const started = await projection.startRebuild();
        return {
          ...started,
          publish: async () => {
            await writeLive(`${label}: written just before the swap`);
            atPages.push(await searchCount());
            const from = Date.now();
            await started.publish();
            published = { from, to: Date.now() };
          },
        };
      },
    };
    const poller = startPolling();
    try {
      await reindexProjections(snapshot, [swapping], { batchSize: 10 });
    } finally {
      await poller.stop();
    }
    return { atPages, poller, published };
  }

  /** What the aliases point at now. */
  async function aliasTargets(): Promise<Record<string, string[]>> {
    const res = await admin.indices.getAlias({ name: [index, suggestions] });
    const byAlias: Record<string, string[]> = {};
    for (const [concrete, { aliases }] of Object.entries(res)) for (const alias of Object.keys(aliases)) (byAlias[alias] ??= []).push(concrete);
    return byAlias;
  }

  it('keeps serving the concrete indices of an older version at start, and they hold the seeded sample', async () => {
    expect(await indexFamily(admin, index)).toEqual([index, suggestions, `${index}_v7`].sort());
    expect(await admin.indices.existsAlias({ name: index })).toBe(false);
    expect(await searchCount()).toBe(sampleWorks);
    expect(suggestionsSeeded).toBeGreaterThan(0);
  });

  it('replaces the legacy indices by aliases over a new generation, searches never counting fewer works meanwhile', async () => {
    const suggestionsBefore = (await admin.count({ index: suggestions })).count;
    const { atPages, poller, published } = await rebuild('first rebuild');
    // A legacy index cannot become an alias without being deleted (remove_index, in the swap): reads racing that
    // call may find its shard gone (503 no_shard_available_action_exception) — only while it runs, never before.
    for (const failure of poller.failures) {
      expect(failure.error).toMatch(/no_shard_available_action_exception|search_phase_execution_exception|unavailable/i);
      expect(failure.at).toBeGreaterThanOrEqual(published.from);
      expect(failure.at).toBeLessThanOrEqual(published.to + 100);
    }
    // The sample and the work written at page 3, in pages of 10, then the empty page that ends the paging: each page
    // read counted, and the count just before the swap.
    expect(atPages.length).toBe(Math.ceil((sampleWorks + 1) / 10) + 1 + 1);
    expect(poller.works.length).toBeGreaterThan(0);
    expect(Math.min(...atPages, ...poller.works)).toBeGreaterThanOrEqual(sampleWorks);
    // The rebuild holds every suggestion the seed gave (one per entity row), and readers never saw fewer meanwhile —
    // an emptied index would count 0.
    await expectSuggestionsKept(poller, suggestionsBefore);

    // Generation 8: past the leftover 7, which is deleted, as are the legacy indices (in the swap itself).
    expect(await indexFamily(admin, index)).toEqual([`${index}_v8`, `${suggestions}_v8`].sort());
    expect(await aliasTargets()).toEqual({ [index]: [`${index}_v8`], [suggestions]: [`${suggestions}_v8`] });
    await expectCatalogInIndex();
  });

  it('rebuilds again from alias to alias: the previous generation is deleted, the settings of the load undone', async () => {
    const suggestionsBefore = (await admin.count({ index: suggestions })).count;
    const { atPages, poller } = await rebuild('second rebuild');
    // From alias to alias, no read fails: the replaced generation is deleted only after the searches on it end.
    expect(poller.failures).toEqual([]);
    await expectSuggestionsKept(poller, suggestionsBefore);
    expect(Math.min(...atPages, ...poller.works)).toBeGreaterThanOrEqual(sampleWorks + 2);
    expect(await indexFamily(admin, index)).toEqual([`${index}_v9`, `${suggestions}_v9`].sort());
    expect(await aliasTargets()).toEqual({ [index]: [`${index}_v9`], [suggestions]: [`${suggestions}_v9`] });
    const settings = await admin.indices.getSettings({ index: `${index}_v9`, flat_settings: true });
    const live = settings[`${index}_v9`]?.settings as Record<string, unknown>;
    expect(live['index.refresh_interval']).toBeUndefined();
    expect(live['index.number_of_replicas']).toBe('0');
    await expectCatalogInIndex();
  });

  /** After a rebuild the alias holds `before` suggestions again (one per entity row), and no read meanwhile saw fewer. */
  async function expectSuggestionsKept(poller: Poller, before: number): Promise<void> {
    await projection.refresh();
    const after = (await admin.count({ index: suggestions })).count;
    expect(after).toBe(before);
    expect(poller.suggestions.length).toBeGreaterThan(0);
    expect(Math.min(...poller.suggestions)).toBeGreaterThanOrEqual(before);
  }

  /** The index holds exactly the catalog: the sample and every work written during the rebuilds, by id and title. */
  async function expectCatalogInIndex(): Promise<void> {
    await projection.refresh();
    expect((await admin.count({ index })).count).toBe(sampleWorks + writtenDuringRebuilds.length);
    for (const work of writtenDuringRebuilds) {
      const doc = await admin.get<{ title: string }>({ index, id: work.id });
      expect({ id: work.id, title: doc._source?.title }).toEqual({ id: work.id, title: work.title });
    }
  }
});
