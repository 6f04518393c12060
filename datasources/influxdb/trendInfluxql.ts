import type { TrendSubject } from '../TrendStore';
import type { InfluxParams } from './InfluxV1Client';
import { FIRST_STORABLE_YEAR, LAST_STORABLE_YEAR, TREND_FIELDS, TREND_MEASUREMENT, TREND_TAGS, yearStart } from './trendPoints';

/**
 * InfluxQL of the trend layout. Statement text is built only from the constants of trendPoints.ts and from
 * placeholder names generated from indexes (`$s0`, `$s1`, … — InfluxQL cannot bind a list); subject and work
 * ids, kinds and times are always bound parameters.
 */

/** An InfluxQL statement and its bound values. */
export interface InfluxStatement {
  readonly text: string;
  readonly params: InfluxParams;
}

const q = (identifier: string) => quoteIdentifier(identifier);

/**
 * `"tag" = $p0 OR "tag" = $p1 …` for `values`, with the values bound as `p0`, `p1`, … (`prefix` is a constant
 * of this module, never user text). Parenthesised, so it can be AND-ed.
 */
export function anyOf(tag: string, prefix: string, values: readonly string[]): InfluxStatement {
  if (values.length === 0) throw new RangeError('anyOf needs at least one value');
  if (!/^[a-z]+$/.test(prefix)) throw new RangeError(`bad placeholder prefix ${prefix}`);
  const params: Record<string, string> = {};
  const terms = values.map((value, i) => {
    params[`${prefix}${i}`] = value;
    return `${q(tag)} = $${prefix}${i}`;
  });
  return { text: `(${terms.join(' OR ')})`, params };
}

/**
 * Works and citations per subject and year, for subjects of one kind over the years `from..to` (clamped to what
 * InfluxDB can store; `undefined` when nothing of the range can be stored). InfluxQL has no calendar-year
 * `GROUP BY time`, but every point sits on Jan 1 00:00 UTC, which is a day boundary: `time(1d)` buckets hold
 * exactly one year each, and `fill(none)` leaves out the empty ones. One series per subject (`GROUP BY
 * subject_id`), one row per year with values.
 */
export function yearlyTrendQuery(kind: TrendSubject['kind'], ids: readonly string[], from: number, to: number): InfluxStatement | undefined {
  const first = Math.max(from, FIRST_STORABLE_YEAR);
  const last = Math.min(to, LAST_STORABLE_YEAR);
  if (first > last || ids.length === 0) return undefined;
  const subjects = anyOf(TREND_TAGS.subject, 's', ids);
  const text =
    `SELECT sum(${q(TREND_FIELDS.works)}) AS ${q(TREND_FIELDS.works)}, sum(${q(TREND_FIELDS.citations)}) AS ${q(TREND_FIELDS.citations)}` +
    ` FROM ${q(TREND_MEASUREMENT)}` +
    ` WHERE ${q(TREND_TAGS.kind)} = $kind AND ${subjects.text} AND time >= $start AND time <= $end` +
    ` GROUP BY ${q(TREND_TAGS.subject)}, time(1d) fill(none)`;
  return { text, params: { ...subjects.params, kind, start: yearStart(first).toISOString(), end: yearStart(last).toISOString() } };
}

/** Drops every series (all points of every subject) of the given works. */
export function dropWorksStatement(workIds: readonly string[]): InfluxStatement {
  const works = anyOf(TREND_TAGS.work, 'w', workIds);
  return { text: `DROP SERIES FROM ${q(TREND_MEASUREMENT)} WHERE ${works.text}`, params: works.params };
}

/** Drops the whole trend measurement (a rebuild writes it again). */
export function dropTrendMeasurementStatement(): string {
  return `DROP MEASUREMENT ${q(TREND_MEASUREMENT)}`;
}

/** `CREATE DATABASE "name"` (identifiers cannot be bound; the name comes from configuration and is quoted). */
export function createDatabaseStatement(database: string): string {
  return `CREATE DATABASE ${quoteIdentifier(database)}`;
}

/** An InfluxQL double-quoted identifier, with backslashes and double quotes escaped. */
export function quoteIdentifier(identifier: string): string {
  if (identifier.length === 0 || /[\n\r\0]/.test(identifier)) throw new RangeError(`bad InfluxQL identifier ${JSON.stringify(identifier)}`);
  return `"${identifier.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}
