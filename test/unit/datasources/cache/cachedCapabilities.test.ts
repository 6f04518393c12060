import { CachedCitationCounts } from '../../../../datasources/cache/CachedCitationCounts';
import { CachedTrendStore } from '../../../../datasources/cache/CachedTrendStore';
import { LruCache } from '../../../../datasources/cache/LruCache';
import type { CitationGraph } from '../../../../datasources/CitationGraph';
import type { TrendRange, TrendStore, TrendSubject } from '../../../../datasources/TrendStore';

const range: TrendRange = { from: 2020, to: 2021, interval: 'YEAR' };

describe('CachedTrendStore', () => {
  it('asks the store only for series it has not cached, keeping the answers aligned with the subjects', async () => {
    const calls: string[][] = [];
    const inner: TrendStore = {
      backend: 'influxdb',
      trends: async (subjects: readonly TrendSubject[]) => {
        calls.push(subjects.map((s) => s.id));
        return subjects.map((s) => [{ period: 2020, works: s.id.length, citations: Number(s.id.slice(1)) }]);
      },
    };
    const store = new CachedTrendStore(inner, new LruCache());
    const a = { kind: 'author' as const, id: 'A1' };
    const b = { kind: 'author' as const, id: 'A22' };
    expect(await store.trends([a], range)).toEqual([[{ period: 2020, works: 2, citations: 1 }]]);
    expect(await store.trends([b, a], range)).toEqual([[{ period: 2020, works: 3, citations: 22 }], [{ period: 2020, works: 2, citations: 1 }]]);
    expect(calls).toEqual([['A1'], ['A22']]);
    await store.trends([a], { ...range, to: 2022 });
    expect(calls).toHaveLength(3); // another range is another entry
    expect(store.backend).toBe('influxdb');
  });
});

describe('CachedCitationCounts', () => {
  it('caches per-work counts and passes walks straight to the graph', async () => {
    const counted: string[][] = [];
    const inner = {
      backend: 'neo4j',
      countCitedBy: async (ids: readonly string[]) => {
        counted.push([...ids]);
        return ids.map((id) => Number(id.slice(1)));
      },
      countReferences: async (ids: readonly string[]) => ids.map(() => 7),
      traverse: jest.fn(async () => ({ edges: [], hasNextPage: false, totalCount: async () => 0 })),
    } as unknown as CitationGraph;
    const graph = new CachedCitationCounts(inner, new LruCache());
    expect(await graph.countCitedBy(['W1', 'W2'])).toEqual([1, 2]);
    expect(await graph.countCitedBy(['W2', 'W3', 'W1'])).toEqual([2, 3, 1]);
    expect(counted).toEqual([['W1', 'W2'], ['W3']]);
    expect(await graph.countReferences(['W1'])).toEqual([7]);
    await graph.traverse('W1', 'CITED_BY', 2, { first: 5, sort: [] }, 100);
    expect(inner.traverse).toHaveBeenCalledWith('W1', 'CITED_BY', 2, { first: 5, sort: [] }, 100);
  });
});
