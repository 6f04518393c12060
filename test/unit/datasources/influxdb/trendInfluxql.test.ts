import { anyOf, createDatabaseStatement, deletePointsStatement, storedYearsQuery, quoteIdentifier, yearlyTrendQuery } from '../../../../datasources/influxdb/trendInfluxql';

describe('trend InfluxQL', () => {
  it('binds a list as OR-ed placeholders named from indexes, never from the values', () => {
    const hostile = ['A1', '" OR 1=1; DROP DATABASE "openalex', '$s0'];
    const { text, params } = anyOf('subject_id', 's', hostile);
    expect(text).toBe('("subject_id" = $s0 OR "subject_id" = $s1 OR "subject_id" = $s2)');
    expect(params).toEqual({ s0: hostile[0], s1: hostile[1], s2: hostile[2] });
    expect(() => anyOf('subject_id', 's', [])).toThrow(RangeError);
    expect(() => anyOf('subject_id', 's0 OR', ['x'])).toThrow(RangeError);
  });

  it('queries yearly sums of one kind per subject, in daily buckets on the Jan-1 points, ids and times bound', () => {
    const statement = yearlyTrendQuery('author', ['A1', 'A2'], 1990, 2026);
    expect(statement?.text).toBe(
      'SELECT sum("works") AS "works", sum("citations") AS "citations" FROM "trend"' +
        ' WHERE "subject_kind" = $kind AND ("subject_id" = $s0 OR "subject_id" = $s1) AND time >= $start AND time <= $end' +
        ' GROUP BY "subject_id", time(1d) fill(none)',
    );
    expect(statement?.params).toEqual({ s0: 'A1', s1: 'A2', kind: 'author', start: '1990-01-01T00:00:00.000Z', end: '2026-01-01T00:00:00.000Z' });
  });

  it('clamps the range to the years InfluxDB can hold, and asks nothing when none of it can be held', () => {
    expect(yearlyTrendQuery('work', ['W1'], 1000, 1800)?.params).toMatchObject({ start: '1678-01-01T00:00:00.000Z', end: '1800-01-01T00:00:00.000Z' });
    expect(yearlyTrendQuery('work', ['W1'], 2200, 3000)?.params).toMatchObject({ start: '2200-01-01T00:00:00.000Z', end: '2262-01-01T00:00:00.000Z' });
    expect(yearlyTrendQuery('work', ['W1'], 1000, 1677)).toBeUndefined();
    expect(yearlyTrendQuery('work', ['W1'], 2263, 3000)).toBeUndefined();
    expect(yearlyTrendQuery('work', [], 2000, 2001)).toBeUndefined();
  });

  it('reads the stored years of subjects, and deletes all their points or one year’s, by bound ids and times', () => {
    expect(storedYearsQuery('author', ['A1', 'A2'])).toEqual({
      text: 'SELECT "works" FROM "trend" WHERE "subject_kind" = $kind AND ("subject_id" = $s0 OR "subject_id" = $s1) GROUP BY "subject_id"',
      params: { kind: 'author', s0: 'A1', s1: 'A2' },
    });
    expect(deletePointsStatement('topic', ['T1'])).toEqual({ text: 'DELETE FROM "trend" WHERE "subject_kind" = $kind AND ("subject_id" = $s0)', params: { kind: 'topic', s0: 'T1' } });
    expect(deletePointsStatement('author', ['A1', 'A2'], 1999)).toEqual({
      text: 'DELETE FROM "trend" WHERE "subject_kind" = $kind AND ("subject_id" = $s0 OR "subject_id" = $s1) AND time >= $at AND time <= $at',
      params: { kind: 'author', s0: 'A1', s1: 'A2', at: '1999-01-01T00:00:00.000Z' },
    });
  });

  it('quotes identifiers (the configured database name)', () => {
    expect(createDatabaseStatement('openalex')).toBe('CREATE DATABASE "openalex" WITH SHARD DURATION 15210w');
    expect(quoteIdentifier('we"ird\\name')).toBe('"we\\"ird\\\\name"');
    expect(() => quoteIdentifier('')).toThrow(RangeError);
    expect(() => quoteIdentifier('a\nb')).toThrow(RangeError);
  });
});
