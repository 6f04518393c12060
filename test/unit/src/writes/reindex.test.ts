import type { CatalogEntityKind, CatalogSnapshot } from '../../../../datasources/CatalogSnapshot';
import { type CatalogBatch, type CatalogEntities, emptyBatch, type WorkWrite } from '../../../../datasources/writes/catalogWrite';
import { type Projection, type ProjectionRebuild, type RebuildHooks, rebuildInPlace } from '../../../../datasources/writes/Projection';
import { REBUILD_MARKS_TTL_MS, REBUILD_SETTLE_MS } from '../../../../datasources/writes/RebuildMarks';
import { reindexProjections } from '../../../../src/writes/reindex';
import { FakeRebuildMarks } from '../../../support/FakeRebuildMarks';
import { workWrite } from '../../../support/workWrite';
import type { StoreName } from '../../../../src/core/StoreName';

function work(id: string, title = `Title of ${id}`): WorkWrite {
  return workWrite({ id, title, publicationYear: 2020, type: 'article' });
}

/**
 * A catalog in memory. `duringPaging(n)` runs before the n-th page is read (1-based), to simulate writes
 * made while the rebuild runs; `changed` is what workIdsChangedSince answers for the instant `now` gave.
 */
class FakeSnapshot implements CatalogSnapshot {
  readonly works = new Map<string, WorkWrite>();
  /** Ids of the rows of each entity table. */
  readonly entities: Record<CatalogEntityKind, string[]> = { author: [], institution: [], source: [], topic: [] };
  readonly entityPagesAsked: [CatalogEntityKind, string, number][] = [];
  readonly changed = new Set<string>();
  readonly sinceAsked: Date[] = [];
  readonly pagesAsked: [string, number][] = [];
  duringPaging: (page: number) => void = () => undefined;
  readonly started = new Date('2025-01-01T00:00:00Z');

  constructor(ids: readonly string[]) {
    for (const id of ids) this.works.set(id, work(id));
  }

  /** A write during the rebuild: the work is (re)written and counts as changed since the start. */
  write(w: WorkWrite): void {
    this.works.set(w.id, w);
    this.changed.add(w.id);
  }

  async batchForWorks(workIds: readonly string[]): Promise<{ batch: CatalogBatch; missing: string[] }> {
    const works = workIds.flatMap((id) => this.works.get(id) ?? []);
    return { batch: { works, authors: [], institutions: [], sources: [], topics: [] }, missing: workIds.filter((id) => !this.works.has(id)) };
  }

  async workIdsAfter(after: string, limit: number): Promise<string[]> {
    this.pagesAsked.push([after, limit]);
    this.duringPaging(this.pagesAsked.length);
    return [...this.works.keys()]
      .sort()
      .filter((id) => id > after)
      .slice(0, limit);
  }

  async workIdsChangedSince(since: Date): Promise<string[]> {
    this.sinceAsked.push(since);
    // Deleted works have no row, so no write time: only works that still exist are listed.
    return [...this.changed].filter((id) => this.works.has(id)).sort();
  }

  async existingWorkIds(workIds: readonly string[]): Promise<Set<string>> {
    return new Set(workIds.filter((id) => this.works.has(id)));
  }

  async entitiesAfter(kind: CatalogEntityKind, after: string, limit: number): Promise<CatalogEntities> {
    this.entityPagesAsked.push([kind, after, limit]);
    const ids = [...this.entities[kind]]
      .sort()
      .filter((id) => id > after)
      .slice(0, limit);
    return entityRows(kind, ids);
  }

  async now(): Promise<Date> {
    return this.started;
  }
}

/** Rows of `kind` with these ids, named after them. */
function entityRows(kind: CatalogEntityKind, ids: readonly string[]): CatalogEntities {
  const named = ids.map((id) => ({ id, displayName: `Name of ${id}` }));
  return {
    authors: kind === 'author' ? named.map((a) => ({ ...a, orcid: null, worksCount: 1, citedByCount: 2, hIndex: 1, institutionIds: [], complete: true })) : [],
    institutions: kind === 'institution' ? named.map((i) => ({ ...i, ror: null, countryCode: null, type: null })) : [],
    sources: kind === 'source' ? named.map((s) => ({ ...s, issnL: null, issns: [], type: null, hostOrganizationName: null })) : [],
    topics: kind === 'topic' ? named.map((t) => ({ ...t, subfield: null, field: null, domain: null })) : [],
  };
}

/** The ids of entity rows, prefixed by their kind's table (`author:A1`). */
const entityKeys = (rows: CatalogEntities): string[] => [
  ...rows.authors.map((a) => `author:${a.id}`),
  ...rows.institutions.map((i) => `institution:${i.id}`),
  ...rows.sources.map((s) => `source:${s.id}`),
  ...rows.topics.map((t) => `topic:${t.id}`),
];

/** A Projection recording every call in order, and holding what it was given. */
class FakeProjection implements Projection {
  readonly calls: string[] = [];
  readonly held = new Map<string, WorkWrite>();

  constructor(readonly store: StoreName) {}

  async ensureSchema(): Promise<void> {
    this.calls.push('ensureSchema');
  }

  async apply(batch: CatalogBatch): Promise<void> {
    this.calls.push(`apply ${batch.works.map((w) => w.id).join(',')}`);
    for (const w of batch.works) this.held.set(w.id, w);
  }

  async remove(workIds: readonly string[]): Promise<void> {
    this.calls.push(`remove ${workIds.join(',')}`);
    for (const id of workIds) this.held.delete(id);
  }

  async startRebuild(hooks?: RebuildHooks): Promise<ProjectionRebuild> {
    return rebuildInPlace(
      this,
      async () => {
        this.calls.push('reset');
        this.held.clear();
      },
      hooks,
    );
  }

  async close(): Promise<void> {}
}

/** A FakeProjection that also holds entities on their own (as Elasticsearch's suggestions): `applyEntityRows`. */
class EntityHoldingProjection extends FakeProjection {
  readonly heldEntities = new Set<string>();

  async applyEntityRows(entities: CatalogEntities): Promise<void> {
    const keys = entityKeys(entities);
    this.calls.push(`entities ${keys.join(',')}`);
    for (const key of keys) this.heldEntities.add(key);
  }
}

/**
 * A projection rebuilt beside itself, as Elasticsearch's alias swap: `live` is what readers see and live writes
 * (the relay) change; the rebuild writes a separate copy that `publish` makes the live one. `beforeSwap` runs inside
 * `publish`, before the swap, to simulate a write landing after the rebuild's own reconciling.
 */
class SwappingProjection implements Projection {
  readonly store = 'elasticsearch' as const;
  live = new Map<string, WorkWrite>();
  liveEntities = new Set<string>();
  /** Sizes of `live` seen whenever the rebuild wrote to its copy: what a reader saw meanwhile. */
  readonly liveSizesDuringRebuild: number[] = [];
  beforeSwap: () => Promise<void> = async () => undefined;

  async ensureSchema(): Promise<void> {}

  async apply(batch: CatalogBatch): Promise<void> {
    for (const w of batch.works) this.live.set(w.id, w);
  }

  async remove(workIds: readonly string[]): Promise<void> {
    for (const id of workIds) this.live.delete(id);
  }

  async startRebuild(): Promise<ProjectionRebuild> {
    const copy = new Map<string, WorkWrite>();
    const copiedEntities = new Set<string>();
    const target = {
      applyEntityRows: async (entities: CatalogEntities) => {
        for (const key of entityKeys(entities)) copiedEntities.add(key);
      },
      apply: async (batch: CatalogBatch) => {
        this.liveSizesDuringRebuild.push(this.live.size);
        for (const w of batch.works) copy.set(w.id, w);
      },
      remove: async (workIds: readonly string[]) => {
        for (const id of workIds) copy.delete(id);
      },
    };
    return {
      target,
      separate: true,
      publish: async () => {
        await this.beforeSwap();
        this.live = copy;
        this.liveEntities = copiedEntities;
      },
    };
  }

  async close(): Promise<void> {}
}

describe('reindexProjections', () => {
  it('empties the projection, then applies every work in pages of batchSize in id order', async () => {
    const snapshot = new FakeSnapshot(['W5', 'W1', 'W3', 'W2', 'W4']);
    const projection = new FakeProjection('neo4j');
    projection.held.set('W999', work('W999'));
    const [report] = await reindexProjections(snapshot, [projection], { batchSize: 2 });
    expect(projection.calls.slice(0, 6)).toEqual(['ensureSchema', 'reset', 'ensureSchema', 'apply W1,W2', 'apply W3,W4', 'apply W5']);
    // Rebuilt in place: no second reconciling.
    expect(snapshot.sinceAsked).toHaveLength(1);
    expect(snapshot.pagesAsked).toEqual([
      ['', 2],
      ['W2', 2],
      ['W4', 2],
      ['W5', 2],
    ]);
    expect([...projection.held.keys()].sort()).toEqual(['W1', 'W2', 'W3', 'W4', 'W5']);
    expect(report).toMatchObject({ store: 'neo4j', works: 5, reconciled: 0 });
    expect(report?.ms).toBeGreaterThanOrEqual(0);
  });

  it('takes the start instant before reading anything, and asks for the works changed since then', async () => {
    const snapshot = new FakeSnapshot(['W1']);
    await reindexProjections(snapshot, [new FakeProjection('neo4j')]);
    expect(snapshot.sinceAsked).toEqual([snapshot.started]);
  });

  it('re-applies works changed after they were paged, so the projection ends as the catalog is', async () => {
    const snapshot = new FakeSnapshot(['W1', 'W2', 'W3', 'W4']);
    snapshot.duringPaging = (page) => {
      if (page === 2) snapshot.write(work('W1', 'Edited while rebuilding'));
    };
    const projection = new FakeProjection('elasticsearch');
    const [report] = await reindexProjections(snapshot, [projection], { batchSize: 2 });
    expect(projection.held.get('W1')?.title).toBe('Edited while rebuilding');
    expect(projection.calls).toContain('apply W1');
    expect(report).toMatchObject({ works: 4, reconciled: 1 });
  });

  it('removes works it wrote that were deleted meanwhile', async () => {
    const snapshot = new FakeSnapshot(['W1', 'W2', 'W3', 'W4', 'W5']);
    snapshot.duringPaging = (page) => {
      if (page === 3) {
        snapshot.works.delete('W1');
        snapshot.works.delete('W3');
      }
    };
    const projection = new FakeProjection('neo4j');
    const [report] = await reindexProjections(snapshot, [projection], { batchSize: 2 });
    expect([...projection.held.keys()].sort()).toEqual(['W2', 'W4', 'W5']);
    expect(report).toMatchObject({ works: 3, reconciled: 2 });
  });

  it('applies works created meanwhile behind the paging cursor', async () => {
    const snapshot = new FakeSnapshot(['W2', 'W4', 'W6']);
    snapshot.duringPaging = (page) => {
      if (page === 2) snapshot.write(work('W1'));
    };
    const projection = new FakeProjection('influxdb');
    const [report] = await reindexProjections(snapshot, [projection], { batchSize: 2 });
    expect([...projection.held.keys()].sort()).toEqual(['W1', 'W2', 'W4', 'W6']);
    expect(report?.reconciled).toBe(1);
  });

  it('removes a changed work deleted between the listing of changes and its re-read', async () => {
    const snapshot = new FakeSnapshot(['W1', 'W2']);
    snapshot.changed.add('W2');
    const batchForWorks = snapshot.batchForWorks.bind(snapshot);
    let reads = 0;
    snapshot.batchForWorks = async (ids) => {
      // The reconciliation read (after the paging's single read) finds W2 gone.
      if (++reads === 2) snapshot.works.delete('W2');
      return batchForWorks(ids);
    };
    const projection = new FakeProjection('neo4j');
    await reindexProjections(snapshot, [projection], { batchSize: 10 });
    expect([...projection.held.keys()]).toEqual(['W1']);
  });

  it('re-reads changed works in chunks of batchSize', async () => {
    const ids = ['W1', 'W2', 'W3', 'W4', 'W5'];
    const snapshot = new FakeSnapshot(ids);
    for (const id of ids) snapshot.changed.add(id);
    const projection = new FakeProjection('neo4j');
    const [report] = await reindexProjections(snapshot, [projection], { batchSize: 2 });
    const applies = projection.calls.filter((c) => c.startsWith('apply'));
    // Three pages, then the five changed works again, in three chunks.
    expect(applies).toEqual(['apply W1,W2', 'apply W3,W4', 'apply W5', 'apply W1,W2', 'apply W3,W4', 'apply W5']);
    expect(report).toMatchObject({ works: 5, reconciled: 5 });
  });

  it('rebuilds the projections at the same time, each whole, reporting each in the order given', async () => {
    const snapshot = new FakeSnapshot(['W1', 'W2', 'W3']);
    const neo4j = new FakeProjection('neo4j');
    const elasticsearch = new FakeProjection('elasticsearch');
    const progress: [StoreName, number][] = [];
    const reports = await reindexProjections(snapshot, [neo4j, elasticsearch], { batchSize: 2, onProgress: (store, works) => progress.push([store, works]) });
    expect(reports.map((r) => [r.store, r.works, r.reconciled])).toEqual([
      ['neo4j', 3, 0],
      ['elasticsearch', 3, 0],
    ]);
    // Interleaved: the second store's first page is applied before the first store's last.
    expect(progress).toEqual([
      ['neo4j', 2],
      ['elasticsearch', 2],
      ['neo4j', 3],
      ['elasticsearch', 3],
    ]);
    for (const p of [neo4j, elasticsearch]) expect(p.calls).toEqual(['ensureSchema', 'reset', 'ensureSchema', 'apply W1,W2', 'apply W3', 'remove ', 'remove ']);
    expect([...neo4j.held.keys()]).toEqual([...elasticsearch.held.keys()]);
  });

  it('lets the other stores finish when one fails, then throws that failure', async () => {
    const snapshot = new FakeSnapshot(['W1', 'W2', 'W3']);
    const failing = new FakeProjection('influxdb');
    failing.apply = async () => Promise.reject(new Error('influxdb refused the batch'));
    const elasticsearch = new FakeProjection('elasticsearch');
    await expect(reindexProjections(snapshot, [failing, elasticsearch], { batchSize: 2 })).rejects.toThrow('influxdb refused the batch');
    expect([...elasticsearch.held.keys()].sort()).toEqual(['W1', 'W2', 'W3']);
  });

  it('empties the projection of an empty catalog and reports no works', async () => {
    const snapshot = new FakeSnapshot([]);
    const projection = new FakeProjection('neo4j');
    projection.held.set('W1', work('W1'));
    const reports = await reindexProjections(snapshot, [projection]);
    expect(projection.held.size).toBe(0);
    expect(projection.calls.filter((c) => c.startsWith('apply'))).toEqual([]);
    expect(reports).toEqual([expect.objectContaining({ store: 'neo4j', works: 0, reconciled: 0 })]);
  });

  it('answers no report without projections', async () => {
    expect(await reindexProjections(new FakeSnapshot(['W1']), [])).toEqual([]);
  });

  it('pages 500 works at a time by default', async () => {
    const snapshot = new FakeSnapshot(['W1']);
    await reindexProjections(snapshot, [new FakeProjection('neo4j')]);
    expect(snapshot.pagesAsked[0]).toEqual(['', 500]);
  });

  describe('entity tables', () => {
    it('pages every entity table by id in pages of entityBatchSize into a target holding entities, after the works', async () => {
      const snapshot = new FakeSnapshot(['W1', 'W2']);
      snapshot.entities.author = ['A3', 'A1', 'A2'];
      snapshot.entities.institution = ['I1'];
      snapshot.entities.topic = ['T2', 'T1'];
      const projection = new EntityHoldingProjection('elasticsearch');
      const [report] = await reindexProjections(snapshot, [projection], { batchSize: 10, entityBatchSize: 2 });
      expect(projection.calls.filter((c) => c.startsWith('apply') || c.startsWith('entities'))).toEqual([
        'apply W1,W2',
        'entities author:A1,author:A2',
        'entities author:A3',
        'entities institution:I1',
        'entities topic:T1,topic:T2',
      ]);
      // Each table until a page comes back empty; the cursor is the last id of the page before.
      expect(snapshot.entityPagesAsked).toEqual([
        ['author', '', 2],
        ['author', 'A2', 2],
        ['author', 'A3', 2],
        ['institution', '', 2],
        ['institution', 'I1', 2],
        ['source', '', 2],
        ['topic', '', 2],
        ['topic', 'T2', 2],
      ]);
      expect([...projection.heldEntities].sort()).toEqual(['author:A1', 'author:A2', 'author:A3', 'institution:I1', 'topic:T1', 'topic:T2']);
      expect(report).toMatchObject({ works: 2, entities: 6, reconciled: 0 });
    });

    it('pages 2,000 entity rows at a time by default', async () => {
      const snapshot = new FakeSnapshot(['W1']);
      await reindexProjections(snapshot, [new EntityHoldingProjection('elasticsearch')]);
      expect(snapshot.entityPagesAsked[0]).toEqual(['author', '', 2000]);
    });

    it('reads no entity table for a target that holds entities only through works', async () => {
      const snapshot = new FakeSnapshot(['W1']);
      snapshot.entities.author = ['A1'];
      const [report] = await reindexProjections(snapshot, [new FakeProjection('neo4j')]);
      expect(snapshot.entityPagesAsked).toEqual([]);
      expect(report).not.toHaveProperty('entities');
    });
  });

  describe('a projection rebuilt beside itself (Elasticsearch)', () => {
    it('writes the entity rows into the new copy, live after the swap', async () => {
      const snapshot = new FakeSnapshot(['W1']);
      snapshot.entities.source = ['S1', 'S2'];
      const projection = new SwappingProjection();
      projection.liveEntities.add('source:S999');
      const [report] = await reindexProjections(snapshot, [projection], { entityBatchSize: 1 });
      expect([...projection.liveEntities].sort()).toEqual(['source:S1', 'source:S2']);
      expect(report?.entities).toBe(2);
    });

    it('leaves the live copy whole until the swap, then holds exactly the catalog', async () => {
      const snapshot = new FakeSnapshot(['W1', 'W2', 'W3', 'W4', 'W5']);
      const projection = new SwappingProjection();
      for (const w of snapshot.works.values()) projection.live.set(w.id, w);
      projection.live.set('W999', work('W999'));
      const [report] = await reindexProjections(snapshot, [projection], { batchSize: 2 });
      expect(projection.liveSizesDuringRebuild.length).toBeGreaterThan(0);
      expect(projection.liveSizesDuringRebuild.every((n) => n === 6)).toBe(true);
      expect([...projection.live.keys()].sort()).toEqual(['W1', 'W2', 'W3', 'W4', 'W5']);
      expect(report).toMatchObject({ store: 'elasticsearch', works: 5, reconciled: 0 });
    });

    it('keeps a live write made during the paging (relayed to the old copy) in the new one', async () => {
      const snapshot = new FakeSnapshot(['W1', 'W2', 'W3', 'W4']);
      const projection = new SwappingProjection();
      snapshot.duringPaging = (page) => {
        if (page === 2) {
          const edited = work('W1', 'Edited while rebuilding');
          snapshot.write(edited);
          void projection.apply({ ...emptyBatch(), works: [edited] });
        }
      };
      await reindexProjections(snapshot, [projection], { batchSize: 2 });
      expect(projection.live.get('W1')?.title).toBe('Edited while rebuilding');
    });

    it('applies again after the swap the writes and deletions made after its own reconciling', async () => {
      const snapshot = new FakeSnapshot(['W1', 'W2', 'W3']);
      const projection = new SwappingProjection();
      projection.beforeSwap = async () => {
        // The catalog changes and the relay applies it to the old copy, after the copy was reconciled.
        const created = work('W0', 'Created just before the swap');
        snapshot.write(created);
        await projection.apply({ ...emptyBatch(), works: [created] });
        snapshot.works.delete('W2');
        await projection.remove(['W2']);
      };
      const [report] = await reindexProjections(snapshot, [projection], { batchSize: 2 });
      expect([...projection.live.keys()].sort()).toEqual(['W0', 'W1', 'W3']);
      expect(projection.live.get('W0')?.title).toBe('Created just before the swap');
      // Both passes ask for the works changed since the start.
      expect(snapshot.sinceAsked).toEqual([snapshot.started, snapshot.started]);
      expect(report).toMatchObject({ works: 2, reconciled: 2 });
    });
  });

  describe('rebuild marks', () => {
    it('marks a store rebuilt in place before emptying it, and clears the mark after its last reconciling write', async () => {
      const snapshot = new FakeSnapshot(['W1', 'W2', 'W3']);
      const projection = new FakeProjection('neo4j');
      const marks = new FakeRebuildMarks(projection.calls);
      await reindexProjections(snapshot, [projection], { batchSize: 2, marks, settleMs: 0 });
      expect(projection.calls).toEqual(['ensureSchema', 'mark neo4j', 'reset', 'ensureSchema', 'apply W1,W2', 'apply W3', 'remove ', 'remove ', 'clear neo4j']);
      expect(marks.set.size).toBe(0);
    });

    it('waits the settle delay between marking and emptying: by default longer than a reader keeps old marks', async () => {
      expect(REBUILD_SETTLE_MS).toBeGreaterThan(REBUILD_MARKS_TTL_MS);
      const projection = new FakeProjection('influxdb');
      const at: Record<string, number> = {};
      const marks = new FakeRebuildMarks();
      const mark = marks.mark.bind(marks);
      marks.mark = async (store) => {
        await mark(store);
        at['mark'] = performance.now();
      };
      const start = projection.startRebuild.bind(projection);
      projection.startRebuild = (hooks) =>
        start({
          beforeEmptying: async () => {
            await hooks?.beforeEmptying?.();
            at['reset'] = performance.now();
          },
        });
      await reindexProjections(new FakeSnapshot(['W1']), [projection], { marks, settleMs: 150 });
      expect((at['reset'] as number) - (at['mark'] as number)).toBeGreaterThanOrEqual(145);
    });

    it('does not mark a store rebuilt beside itself (Elasticsearch)', async () => {
      const snapshot = new FakeSnapshot(['W1', 'W2']);
      const marks = new FakeRebuildMarks();
      const mark = jest.spyOn(marks, 'mark');
      await reindexProjections(snapshot, [new SwappingProjection()], { marks, settleMs: 0 });
      expect(mark).not.toHaveBeenCalled();
    });

    it('leaves the mark when the rebuild fails, and says so for that store only', async () => {
      const snapshot = new FakeSnapshot(['W1', 'W2', 'W3']);
      const failing = new FakeProjection('influxdb');
      failing.apply = async () => Promise.reject(new Error('influxdb refused the batch'));
      const neo4j = new FakeProjection('neo4j');
      const marks = new FakeRebuildMarks();
      const left: [string, unknown][] = [];
      await expect(
        reindexProjections(snapshot, [failing, neo4j], { batchSize: 2, marks, settleMs: 0, onMarkLeft: (store, err) => left.push([store, err]) }),
      ).rejects.toThrow('influxdb refused the batch');
      expect([...marks.set]).toEqual(['influxdb']);
      expect(left).toEqual([['influxdb', new Error('influxdb refused the batch')]]);
      expect([...neo4j.held.keys()]).toEqual(['W1', 'W2', 'W3']);
    });

    it('leaves the mark when emptying fails half-way', async () => {
      const projection = new FakeProjection('neo4j');
      const marks = new FakeRebuildMarks();
      projection.startRebuild = (hooks) => rebuildInPlace(projection, async () => Promise.reject(new Error('reset timed out')), hooks);
      const left: string[] = [];
      await expect(reindexProjections(new FakeSnapshot(['W1']), [projection], { marks, settleMs: 0, onMarkLeft: (store) => left.push(store) })).rejects.toThrow('reset timed out');
      expect([...marks.set]).toEqual(['neo4j']);
      expect(left).toEqual(['neo4j']);
    });

    it('empties nothing when the mark cannot be written', async () => {
      const projection = new FakeProjection('neo4j');
      projection.held.set('W1', work('W1'));
      const marks = new FakeRebuildMarks();
      marks.failing = new Error('postgres is down');
      const left: string[] = [];
      await expect(reindexProjections(new FakeSnapshot(['W1']), [projection], { marks, settleMs: 0, onMarkLeft: (store) => left.push(store) })).rejects.toThrow('postgres is down');
      expect(projection.calls).toEqual(['ensureSchema']);
      expect([...projection.held.keys()]).toEqual(['W1']);
      expect(left).toEqual([]);
    });
  });
});
