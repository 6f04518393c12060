import type { TrendRange, TrendStore, TrendSubject } from '../../../../datasources/TrendStore';
import { RoutedTrendStore } from '../../../../src/rebuildRouting/RoutedTrendStore';
import { markedRoute } from '../../../support/markedRoute';

/** A TrendStore answering, per subject, one point whose `works` tells the backend apart (1 InfluxDB, 2 PostgreSQL). */
function taggedTrends(backend: TrendStore['backend']): TrendStore & { readonly asked: [readonly TrendSubject[], TrendRange][] } {
  const asked: [readonly TrendSubject[], TrendRange][] = [];
  return {
    backend,
    asked,
    trends: async (subjects, range) => {
      asked.push([subjects, range]);
      return subjects.map(() => [{ period: range.from, works: backend === 'influxdb' ? 1 : 2, citations: 0 }]);
    },
  };
}

describe('RoutedTrendStore', () => {
  it('answers from InfluxDB, from PostgreSQL while InfluxDB is marked, and from InfluxDB once the mark is cleared', async () => {
    const influx = taggedTrends('influxdb');
    const postgres = taggedTrends('postgresql');
    const { marks, clock, route } = markedRoute<TrendStore>('influxdb', influx, postgres);
    const routed = new RoutedTrendStore(route);
    const subjects: TrendSubject[] = [{ kind: 'author', id: 'A1' }];
    const range: TrendRange = { from: 2020, to: 2020, interval: 'YEAR' };

    expect(await routed.trends(subjects, range)).toEqual([[{ period: 2020, works: 1, citations: 0 }]]);
    await marks.mark('influxdb');
    clock.advance(1_000);
    expect(await routed.trends(subjects, range)).toEqual([[{ period: 2020, works: 2, citations: 0 }]]);
    expect(routed.backend).toBe('postgresql');
    expect(postgres.asked).toEqual([[subjects, range]]);
    await marks.clear('influxdb');
    clock.advance(1_000);
    expect(await routed.trends(subjects, range)).toEqual([[{ period: 2020, works: 1, citations: 0 }]]);
    expect(routed.backend).toBe('influxdb');
    expect(influx.asked).toHaveLength(2);
  });
});
