import type { TrendSubject } from '../TrendStore';
import type { SubjectKey } from '../writes/SubjectTrendTotals';
import type { InfluxParams } from './InfluxV1Client';
import { FIRST_STORABLE_YEAR, LAST_STORABLE_YEAR, TREND_FIELDS, TREND_MEASUREMENT, TREND_TAGS, yearStart } from './trendPoints';

/**
 * InfluxQL of the trend layout. Statement text is built only from the constants of trendPoints.ts and from
 * placeholder names generated from indexes (`$s0`, `$s1`, … — InfluxQL cannot bind a list); subject ids,
 * kinds and times are always bound parameters.
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

/**
 * The years that hold a point, per subject, for subjects of one kind (`GROUP BY subject_id`: one series per
 * subject, one row per stored year). Read with `epoch=ms`.
 */
export function storedYearsQuery(kind: SubjectKey['kind'], ids: readonly string[]): InfluxStatement {
  const subjects = anyOf(TREND_TAGS.subject, 's', ids);
  const text = `SELECT ${q(TREND_FIELDS.works)} FROM ${q(TREND_MEASUREMENT)} WHERE ${q(TREND_TAGS.kind)} = $kind AND ${subjects.text} GROUP BY ${q(TREND_TAGS.subject)}`;
  return { text, params: { ...subjects.params, kind } };
}

/**
 * Deletes the points of subjects of one kind: every point, or only the one of `year`. A series whose last point
 * is deleted leaves the index too (InfluxDB 1.x), so a subject whose totals all went to zero holds no series.
 * InfluxQL allows no OR between time conditions, hence one statement per year.
 */
export function deletePointsStatement(kind: SubjectKey['kind'], ids: readonly string[], year?: number): InfluxStatement {
  const subjects = anyOf(TREND_TAGS.subject, 's', ids);
  const params: Record<string, string> = { ...subjects.params, kind };
  let text = `DELETE FROM ${q(TREND_MEASUREMENT)} WHERE ${q(TREND_TAGS.kind)} = $kind AND ${subjects.text}`;
  if (year !== undefined) {
    text += ' AND time >= $at AND time <= $at';
    params['at'] = yearStart(year).toISOString();
  }
  return { text, params };
}

/** Drops the whole trend measurement (a rebuild writes it again): InfluxDB tombstones its series one by one. */
export function dropTrendMeasurementStatement(): string {
  return `DROP MEASUREMENT ${q(TREND_MEASUREMENT)}`;
}

/**
 * `DROP SHARD <id>`: removes a shard's files and its index at once. The id is one `SHOW SHARDS` listed, checked to be
 * a non-negative integer (InfluxQL takes it as a literal, not a parameter).
 */
export function dropShardStatement(id: number): string {
  if (!Number.isSafeInteger(id) || id < 0) throw new RangeError(`bad shard id ${String(id)}`);
  return `DROP SHARD ${id}`;
}

/**
 * Shard group duration of a database the gateway creates: 15,210 weeks (291.5 years, just below the 292 years an
 * int64 of nanoseconds spans). InfluxDB aligns shard groups on year 1, so their boundaries fall in 1750 and 2041:
 * every point of years 1750..2040 lands in one shard, and a subject's series is indexed once, not once per year
 * (the default 7-day groups would give each year of Jan-1 points a shard of its own).
 */
export const TREND_SHARD_DURATION = '15210w';

/**
 * `CREATE DATABASE "name" WITH SHARD DURATION …` (identifiers cannot be bound; the name comes from configuration
 * and is quoted; the duration is the constant above).
 */
export function createDatabaseStatement(database: string): string {
  return `CREATE DATABASE ${quoteIdentifier(database)} WITH SHARD DURATION ${TREND_SHARD_DURATION}`;
}

/** An InfluxQL double-quoted identifier, with backslashes and double quotes escaped. */
export function quoteIdentifier(identifier: string): string {
  if (identifier.length === 0 || /[\n\r\0]/.test(identifier)) throw new RangeError(`bad InfluxQL identifier ${JSON.stringify(identifier)}`);
  return `"${identifier.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}
