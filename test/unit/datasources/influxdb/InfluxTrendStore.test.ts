import { InfluxHttpError } from '../../../../datasources/influxdb/InfluxV1Client';
import { InfluxTrendStore } from '../../../../datasources/influxdb/InfluxTrendStore';
import { isTransientInfluxError } from '../../../../datasources/influxdb/isTransientInfluxError';
import { StorePolicy } from '../../../../datasources/shared/StorePolicy';
import type { TrendSubject } from '../../../../datasources/TrendStore';
import { StoreUnavailableError } from '../../../../src/core/errors';
import { FakeInflux } from './fakeInflux';

const policy = () => new StorePolicy('influxdb', isTransientInfluxError, { maxAttempts: 2, initialBackoffMs: 1, maxBackoffMs: 1 });
const jan1 = (year: number) => Date.UTC(year, 0, 1);
/** For tests without work subjects: InfluxDB holds no work series, and none may be asked of the catalog. */
const noWorkTrends = { trends: () => Promise.reject(new Error('no work subject expected')) };

describe('InfluxTrendStore', () => {
  it('answers 20 authors with one query whose placeholders are named from indexes; ids only travel as params', async () => {
    const fake = new FakeInflux();
    const store = new InfluxTrendStore(fake, policy(), noWorkTrends);
    const ids = Array.from({ length: 19 }, (_, i) => `A${100 + i}`).concat(['A1" OR "subject_kind" =~ /.*/ --']);
    const series = await store.trends(
      ids.map((id) => ({ kind: 'author', id })),
      { from: 2000, to: 2009, interval: 'FIVE_YEARS' },
    );
    expect(fake.queries).toHaveLength(1);
    const [query] = fake.queries;
    for (const id of ids) expect(query?.text).not.toContain(id);
    expect(query?.text.match(/\$s\d+/g)).toEqual(ids.map((_, i) => `$s${i}`));
    expect(query?.params).toMatchObject({ kind: 'author', s19: ids[19], start: '2000-01-01T00:00:00.000Z', end: '2009-01-01T00:00:00.000Z' });
    expect(query?.options.epoch).toBe('ms');
    expect(series).toHaveLength(20);
    expect(series[0]).toEqual([
      { period: 2000, works: 0, citations: 0 },
      { period: 2005, works: 0, citations: 0 },
    ]);
  });

  it('sums the yearly rows of each subject series into periods, aligned with the subjects, one query per kind', async () => {
    const fake = new FakeInflux((text) =>
      text.includes('$s1')
        ? [
            { name: 'trend', tags: { subject_id: 'A2' }, rows: [{ time: jan1(2016), works: 1, citations: 4 }] },
            {
              name: 'trend',
              tags: { subject_id: 'A1' },
              rows: [
                { time: jan1(2017), works: 2, citations: 10 },
                { time: jan1(2021), works: 1, citations: 5 },
                { time: jan1(2026), works: 0, citations: 7 },
              ],
            },
          ]
        : [{ name: 'trend', tags: { subject_id: 'T1' }, rows: [{ time: jan1(2020), works: 3, citations: null }] }],
    );
    const store = new InfluxTrendStore(fake, policy(), noWorkTrends);
    const subjects: TrendSubject[] = [
      { kind: 'author', id: 'A1' },
      { kind: 'topic', id: 'T1' },
      { kind: 'author', id: 'A2' },
      { kind: 'author', id: 'A1' },
    ];
    const series = await store.trends(subjects, { from: 2017, to: 2026, interval: 'FIVE_YEARS' });
    expect(fake.queries.map((q) => q.params['kind']).sort()).toEqual(['author', 'topic']);
    const a1 = [
      { period: 2015, works: 2, citations: 10 },
      { period: 2020, works: 1, citations: 5 },
      { period: 2025, works: 0, citations: 7 },
    ];
    expect(series).toEqual([
      a1,
      [
        { period: 2015, works: 0, citations: 0 },
        { period: 2020, works: 3, citations: 0 },
        { period: 2025, works: 0, citations: 0 },
      ],
      // A row of a year outside the range (a server that ignored the bounds) does not count.
      [
        { period: 2015, works: 0, citations: 0 },
        { period: 2020, works: 0, citations: 0 },
        { period: 2025, works: 0, citations: 0 },
      ],
      a1,
    ]);
  });

  it('asks nothing for a range InfluxDB cannot hold, nor for no subjects', async () => {
    const fake = new FakeInflux();
    const store = new InfluxTrendStore(fake, policy(), noWorkTrends);
    const series = await store.trends([{ kind: 'topic', id: 'T1' }], { from: 1500, to: 1600, interval: 'DECADE' });
    expect(series[0]).toHaveLength(11);
    expect(await store.trends([], { from: 2000, to: 2000, interval: 'YEAR' })).toEqual([]);
    expect(fake.queries).toEqual([]);
  });

  it('retries a transient failure and reports an unavailable store as UPSTREAM_UNAVAILABLE; a bad query is not retried', async () => {
    let calls = 0;
    const flaky = new InfluxTrendStore(
      {
        query: async () => {
          calls++;
          if (calls === 1) throw new InfluxHttpError('influx query failed (503): unavailable', 503);
          return [];
        },
      },
      policy(),
      noWorkTrends,
    );
    await expect(flaky.trends([{ kind: 'author', id: 'A1' }], { from: 2000, to: 2000, interval: 'YEAR' })).resolves.toHaveLength(1);
    expect(calls).toBe(2);

    const down = new InfluxTrendStore({ query: () => Promise.reject(Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } })) }, policy(), noWorkTrends);
    await expect(down.trends([{ kind: 'author', id: 'A1' }], { from: 2000, to: 2000, interval: 'YEAR' })).rejects.toBeInstanceOf(StoreUnavailableError);

    calls = 0;
    const bad = new InfluxTrendStore(
      {
        query: async () => {
          calls++;
          throw new InfluxHttpError('influx query failed (400): error parsing query', 400);
        },
      },
      policy(),
      noWorkTrends,
    );
    await expect(bad.trends([{ kind: 'author', id: 'A1' }], { from: 2000, to: 2000, interval: 'YEAR' })).rejects.toBeInstanceOf(InfluxHttpError);
    expect(calls).toBe(1);
  });

  it('answers work subjects from the catalog (a work is a row, not a series), in the same call and order', async () => {
    const fake = new FakeInflux(() => [{ name: 'trend', tags: { subject_id: 'A1' }, rows: [{ time: jan1(2020), works: 2, citations: 3 }] }]);
    const asked: TrendSubject[][] = [];
    const workTrends = {
      trends: async (subjects: readonly TrendSubject[]) => {
        asked.push([...subjects]);
        return subjects.map((s) => [{ period: 2020, works: 1, citations: s.id === 'W1' ? 10 : 20 }]);
      },
    };
    const store = new InfluxTrendStore(fake, policy(), workTrends);
    const series = await store.trends(
      [
        { kind: 'work', id: 'W2' },
        { kind: 'author', id: 'A1' },
        { kind: 'work', id: 'W1' },
      ],
      { from: 2020, to: 2020, interval: 'YEAR' },
    );
    expect(asked).toEqual([[{ kind: 'work', id: 'W2' }, { kind: 'work', id: 'W1' }]]);
    expect(fake.queries.map((q) => q.params['kind'])).toEqual(['author']);
    expect(series).toEqual([[{ period: 2020, works: 1, citations: 20 }], [{ period: 2020, works: 2, citations: 3 }], [{ period: 2020, works: 1, citations: 10 }]]);
  });
});
