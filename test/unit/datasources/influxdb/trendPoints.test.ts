import { isStorableYear, toPoint, yearOfEpochMs, yearStart } from '../../../../datasources/influxdb/trendPoints';

describe('trend points of a subject', () => {
  it('serialises one subject-year total as line protocol on Jan 1 UTC, tagged by subject only, escaping tag values', () => {
    const line = toPoint({ kind: 'author', id: 'A 1,x=y', year: 1800, works: 1, citations: 0 }).toLineProtocol();
    expect(line).toBe('trend,subject_id=A\\ 1\\,x\\=y,subject_kind=author citations=0i,works=1i -5364662400000000000');
    expect(toPoint({ kind: 'topic', id: 'T1', year: 2020, works: 12, citations: 345 }).toLineProtocol()).toBe('trend,subject_id=T1,subject_kind=topic citations=345i,works=12i 1577836800000000000');
  });

  it('knows the years InfluxDB can hold', () => {
    expect([1677, 1678, 2262, 2263, 2000.5].map(isStorableYear)).toEqual([false, true, true, false, false]);
  });

  it('maps years to Jan 1 UTC and back, also before 1970 and before year 100', () => {
    expect(yearStart(2020).toISOString()).toBe('2020-01-01T00:00:00.000Z');
    expect(yearStart(1678).toISOString()).toBe('1678-01-01T00:00:00.000Z');
    expect(yearStart(50).getUTCFullYear()).toBe(50);
    expect(yearOfEpochMs(yearStart(1951).getTime())).toBe(1951);
    expect(yearOfEpochMs(yearStart(2262).getTime())).toBe(2262);
  });
});
