import type { TouchedIds } from '../../../../datasources/writes/articleWrite';
import { CachedListTotals } from '../../../../datasources/cache/CachedListTotals';
import { CachedCitationCounts } from '../../../../datasources/cache/CachedCitationCounts';
import { CachedTrendStore } from '../../../../datasources/cache/CachedTrendStore';
import { invalidateWorkChange } from '../../../../datasources/cache/invalidateWorkChange';
import { LruCache } from '../../../../datasources/cache/LruCache';
import type { CitationGraph } from '../../../../datasources/CitationGraph';
import { PostgresCatalog } from '../../../../datasources/postgres/PostgresCatalog';
import type { AuthorRow, AuthorshipRow, TopicRow, WorkRow, WorkTopicRow } from '../../../../datasources/postgres/rows';
import type { SqlExecutor, SqlParam } from '../../../../datasources/postgres/SqlExecutor';
import { StorePolicy } from '../../../../datasources/shared/StorePolicy';
import type { TrendPointRecord, TrendRange, TrendStore, TrendSubject } from '../../../../datasources/TrendStore';

// The cache is filled through the real read-through classes (PostgresCatalog, CachedTrendStore,
// CachedCitationCounts) over fake inner stores that record what they are asked; after the invalidation, a
// key is gone exactly when the inner store is asked for it again.

/** A SqlExecutor answering the catalog's by-id queries from tables of rows, recording the ids per table. */
class FakeCatalogDb implements Pick<SqlExecutor, 'query'> {
  readonly asked: Record<string, string[]> = {};

  async query<Row extends object>(text: string, params: readonly SqlParam[] = []): Promise<Row[]> {
    // The table of the outer query is the last FROM (the author columns hold a sub-select of authorships).
    const table = [...text.matchAll(/FROM (\w+)/g)].at(-1)?.[1] ?? 'unknown';
    const ids = params[0] as string[];
    (this.asked[table] ??= []).push(...ids);
    const rows = ids.flatMap((id): object[] => {
      switch (table) {
        case 'works':
          return [workRow(id)];
        case 'authors':
          return [authorRow(id)];
        case 'authorships':
          return [{ work_id: id, position: 1, author_position: 'first', author_id: 'A1', raw_author_name: 'A. One', institution_ids: [] } satisfies AuthorshipRow];
        case 'work_topics':
          return [{ work_id: id, topic_id: 'T1', score: 0.9 } satisfies WorkTopicRow];
        case 'topics':
          return [{ id, display_name: id, subfield: null, field: null, domain: null } satisfies TopicRow];
        default:
          throw new Error(`unexpected query: ${text}`);
      }
    });
    return rows as Row[];
  }
}

function workRow(id: string): WorkRow {
  return {
    id,
    doi: null,
    title: id,
    abstract: null,
    publication_year: 2020,
    publication_date: null,
    type: 'article',
    language: null,
    cited_by_count: 0,
    is_open_access: false,
    source_id: null,
    primary_topic_id: null,
    referenced_work_ids: '',
    related_work_ids: '',
    oa_status: null,
    oa_url: null,
    version: 1,
  };
}

function authorRow(id: string): AuthorRow {
  return { id, display_name: id, orcid: null, works_count: 1, cited_by_count: 0, h_index: null, institution_ids: [] };
}

/** A TrendStore recording `<kind>:<id>:<from>` for every series it computes. */
class FakeTrendStore implements TrendStore {
  readonly asked: string[] = [];

  constructor(readonly backend: TrendStore['backend']) {}

  async trends(subjects: readonly TrendSubject[], range: TrendRange): Promise<TrendPointRecord[][]> {
    this.asked.push(...subjects.map((s) => `${s.kind}:${s.id}:${range.from}`));
    return subjects.map(() => [{ period: range.from, works: 1, citations: 2 }]);
  }
}

/** A CitationGraph whose counts record the work ids they are asked for. */
class FakeCitationGraph implements CitationGraph {
  readonly citedByAsked: string[] = [];
  readonly referencesAsked: string[] = [];

  constructor(readonly backend: CitationGraph['backend']) {}

  async countCitedBy(workIds: readonly string[]): Promise<number[]> {
    this.citedByAsked.push(...workIds);
    return workIds.map(() => 3);
  }

  async countReferences(workIds: readonly string[]): Promise<number[]> {
    this.referencesAsked.push(...workIds);
    return workIds.map(() => 0);
  }

  citedBy(): never {
    throw new Error('not used');
  }

  references(): never {
    throw new Error('not used');
  }

  traverse(): never {
    throw new Error('not used');
  }

  subgraph(): never {
    throw new Error('not used');
  }

  coauthors(): never {
    throw new Error('not used');
  }
}

const RANGES: TrendRange[] = [
  { from: 2000, to: 2020, interval: 'YEAR' },
  { from: 1990, to: 2020, interval: 'DECADE' },
];

/** W10, A10 and T10 share a prefix with W1, A1 and T1: a prefix deletion must not take them along. */
const SUBJECTS: TrendSubject[] = [
  { kind: 'work', id: 'W1' },
  { kind: 'work', id: 'W10' },
  { kind: 'author', id: 'A1' },
  { kind: 'author', id: 'A10' },
  { kind: 'author', id: 'A9' },
  { kind: 'topic', id: 'T1' },
  { kind: 'topic', id: 'T10' },
];
const WORK_IDS = ['W1', 'W2', 'W9', 'W10'];
const AUTHOR_IDS = ['A1', 'A9', 'A10'];

const CHANGE: TouchedIds = { authorIds: ['A1'], topicIds: ['T1'], referencedWorkIds: ['W2'] };

function setup() {
  const cache = new LruCache();
  const db = new FakeCatalogDb();
  const catalog = new PostgresCatalog(db, cache, new StorePolicy('postgres', () => false), new CachedListTotals(cache));
  const trendStores = [new FakeTrendStore('influxdb'), new FakeTrendStore('postgresql')];
  const graphs = [new FakeCitationGraph('neo4j'), new FakeCitationGraph('postgresql')];
  const cachedTrends = trendStores.map((s) => new CachedTrendStore(s, cache));
  const cachedCounts = graphs.map((g) => new CachedCitationCounts(g, cache));

  /** Every read whose results are cached, through the real classes. */
  const readAll = async () => {
    await catalog.getWorksByIds(WORK_IDS);
    await catalog.getAuthorsByIds(AUTHOR_IDS);
    await catalog.getAuthorshipsByWorkIds(WORK_IDS);
    await catalog.getWorkTopicsByWorkIds(WORK_IDS);
    await catalog.getTopicsByIds(['T1', 'T10']);
    for (const trends of cachedTrends) for (const range of RANGES) await trends.trends(SUBJECTS, range);
    for (const counts of cachedCounts) {
      await counts.countCitedBy(WORK_IDS);
      await counts.countReferences(WORK_IDS);
    }
  };

  const forget = () => {
    for (const key of Object.keys(db.asked)) delete db.asked[key];
    for (const s of trendStores) s.asked.length = 0;
    for (const g of graphs) {
      g.citedByAsked.length = 0;
      g.referencesAsked.length = 0;
    }
  };

  return { cache, db, trendStores, graphs, readAll, forget };
}

describe('invalidateWorkChange', () => {
  it('is tested against a cache that really serves the repeated reads', async () => {
    const { db, trendStores, graphs, readAll, forget } = setup();
    await readAll();
    forget();
    await readAll();
    expect(db.asked).toEqual({});
    expect(trendStores.flatMap((s) => s.asked)).toEqual([]);
    expect(graphs.flatMap((g) => [...g.citedByAsked, ...g.referencesAsked])).toEqual([]);
  });

  it('drops the work, its byline and topics, and the authors it names; keeps unrelated records', async () => {
    const { cache, db, readAll, forget } = setup();
    await readAll();
    forget();
    await invalidateWorkChange(cache, 'W1', CHANGE);
    await readAll();
    expect(db.asked).toEqual({ works: ['W1'], authors: ['A1'], authorships: ['W1'], work_topics: ['W1'] });
  });

  it('drops citation counts of the work and the cited-by counts of the works it cites, for every graph backend', async () => {
    const { cache, graphs, readAll, forget } = setup();
    await readAll();
    forget();
    await invalidateWorkChange(cache, 'W1', CHANGE);
    await readAll();
    for (const graph of graphs) {
      expect({ backend: graph.backend, citedBy: graph.citedByAsked.sort() }).toEqual({ backend: graph.backend, citedBy: ['W1', 'W2'] });
      expect({ backend: graph.backend, references: graph.referencesAsked }).toEqual({ backend: graph.backend, references: ['W1'] });
    }
  });

  it('drops the trend series of the work, its authors and its topics, for every range and trend backend, and no other', async () => {
    const { cache, trendStores, readAll, forget } = setup();
    await readAll();
    forget();
    await invalidateWorkChange(cache, 'W1', CHANGE);
    await readAll();
    for (const store of trendStores) {
      expect({ backend: store.backend, asked: store.asked.sort() }).toEqual({
        backend: store.backend,
        asked: ['author:A1:1990', 'author:A1:2000', 'topic:T1:1990', 'topic:T1:2000', 'work:W1:1990', 'work:W1:2000'],
      });
    }
  });

  it('drops nothing but the work itself for a change that touches nothing else', async () => {
    const { cache, db, trendStores, graphs, readAll, forget } = setup();
    await readAll();
    forget();
    await invalidateWorkChange(cache, 'W10', { authorIds: [], topicIds: [], referencedWorkIds: [] });
    await readAll();
    expect(db.asked).toEqual({ works: ['W10'], authorships: ['W10'], work_topics: ['W10'] });
    for (const store of trendStores) expect(store.asked.sort()).toEqual(['work:W10:1990', 'work:W10:2000']);
    for (const graph of graphs) {
      expect(graph.citedByAsked).toEqual(['W10']);
      expect(graph.referencesAsked).toEqual(['W10']);
    }
  });

  it('drops every author and topic of a change, before and after', async () => {
    const { cache, db, trendStores, readAll, forget } = setup();
    await readAll();
    forget();
    await invalidateWorkChange(cache, 'W1', { authorIds: ['A1', 'A9', 'A10'], topicIds: ['T1', 'T10'], referencedWorkIds: [] });
    await readAll();
    expect(db.asked['authors']?.sort()).toEqual(['A1', 'A10', 'A9']);
    for (const store of trendStores) expect(store.asked.filter((k) => !k.startsWith('work:')).length).toBe(10);
  });
});
