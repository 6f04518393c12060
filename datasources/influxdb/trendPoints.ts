import { Point } from '@influxdata/influxdb-client';
import type { SubjectYearTotal } from '../writes/SubjectTrendTotals';

/**
 * The names of the trend layout in InfluxDB (described in InfluxProjection.ts). They are the only identifiers
 * InfluxQL text is built from; every value (ids, kinds, times) travels as a bound parameter or in line protocol.
 */
export const TREND_MEASUREMENT = 'trend';
export const TREND_TAGS = { kind: 'subject_kind', subject: 'subject_id' } as const;
export const TREND_FIELDS = { works: 'works', citations: 'citations' } as const;

/**
 * Years whose Jan 1 UTC fits InfluxDB's int64 nanosecond timestamps (1677-09-21 … 2262-04-11). A subject's
 * totals for a year outside them cannot be stored and are left out (the projection logs them).
 */
export const FIRST_STORABLE_YEAR = 1678;
export const LAST_STORABLE_YEAR = 2262;

/** Jan 1, 00:00 UTC of `year` (setUTCFullYear, so years 0-99 are not read as 19xx). */
export function yearStart(year: number): Date {
  const date = new Date(0);
  date.setUTCFullYear(year, 0, 1);
  return date;
}

/** The UTC year of an epoch in milliseconds. */
export function yearOfEpochMs(ms: number): number {
  return new Date(ms).getUTCFullYear();
}

export function isStorableYear(year: number): boolean {
  return Number.isSafeInteger(year) && year >= FIRST_STORABLE_YEAR && year <= LAST_STORABLE_YEAR;
}

/** The line-protocol point of one subject's totals in one year (Point escapes tag values). */
export function toPoint(total: SubjectYearTotal): Point {
  return new Point(TREND_MEASUREMENT)
    .tag(TREND_TAGS.kind, total.kind)
    .tag(TREND_TAGS.subject, total.id)
    .intField(TREND_FIELDS.works, total.works)
    .intField(TREND_FIELDS.citations, total.citations)
    .timestamp(yearStart(total.year));
}
