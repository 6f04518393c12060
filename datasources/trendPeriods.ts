import type { TrendInterval, TrendPointRecord, TrendRange, TrendSubject } from './TrendStore';

/**
 * Periods of a trend, shared by every TrendStore: a period starts at a year divisible by its length (1, 5 or
 * 10 years), and a range `from..to` covers every period from the one holding `from` to the one holding `to`,
 * oldest first. A period cut by the range only counts the years inside `from..to` (the stores only sum yearly
 * values of years within the range).
 */

const PERIOD_YEARS: Readonly<Record<TrendInterval, number>> = { YEAR: 1, FIVE_YEARS: 5, DECADE: 10 };

/** One year's values of one subject, before they are summed into periods. */
export interface YearlyValues {
  readonly year: number;
  readonly works: number;
  readonly citations: number;
}

/** Length of a period in years. */
export function periodYears(interval: TrendInterval): number {
  const years = PERIOD_YEARS[interval];
  if (years === undefined) throw new RangeError(`unknown trend interval ${String(interval)}`);
  return years;
}

/** First year of the period holding `year` (floor division, so it also holds for years before 0). */
export function periodStart(year: number, interval: TrendInterval): number {
  assertYear(year, 'year');
  const size = periodYears(interval);
  return Math.floor(year / size) * size;
}

/** First years of every period of the range, oldest first. */
export function periodsOf(range: TrendRange): number[] {
  assertRange(range);
  const size = periodYears(range.interval);
  const periods: number[] = [];
  for (let p = periodStart(range.from, range.interval); p <= range.to; p += size) periods.push(p);
  return periods;
}

/** Throws unless `from` and `to` are integer years with from ≤ to (the resolver validates user input first). */
export function assertRange(range: TrendRange): void {
  assertYear(range.from, 'from');
  assertYear(range.to, 'to');
  if (range.from > range.to) throw new RangeError(`trend range from ${range.from} is after to ${range.to}`);
  periodYears(range.interval);
}

/**
 * Sums yearly values into the periods of `range`: one point per period (zeros where nothing was counted),
 * oldest first. Years outside `from..to` are ignored; a year listed twice is added twice.
 */
export function sumIntoPeriods(range: TrendRange, yearly: Iterable<YearlyValues>): TrendPointRecord[] {
  const periods = periodsOf(range);
  const first = periods[0] as number;
  const size = periodYears(range.interval);
  const sums = periods.map((period) => ({ period, works: 0, citations: 0 }));
  for (const { year, works, citations } of yearly) {
    if (year < range.from || year > range.to) continue;
    const slot = sums[(periodStart(year, range.interval) - first) / size];
    if (slot === undefined) continue;
    slot.works += works;
    slot.citations += citations;
  }
  return sums;
}

/** A range of years where every period is zero. */
export function zeroPoints(range: TrendRange): TrendPointRecord[] {
  return sumIntoPeriods(range, []);
}

/** Yearly values of one kind's subjects, by subject id (a subject without values may be absent). */
export type YearlyBySubject = ReadonlyMap<string, readonly YearlyValues[]>;

/**
 * The skeleton of `TrendStore.trends`: validates the range, groups the subjects by kind (each id once, in
 * first-seen order), asks `yearlyOf` once per kind (kinds in parallel), and answers one zero-filled series per
 * subject, aligned with `subjects` (duplicates and unknown ids included).
 */
export async function answerTrends(
  subjects: readonly TrendSubject[],
  range: TrendRange,
  yearlyOf: (kind: TrendSubject['kind'], ids: readonly string[]) => Promise<YearlyBySubject>,
): Promise<TrendPointRecord[][]> {
  assertRange(range);
  if (subjects.length === 0) return [];
  const idsByKind = new Map<TrendSubject['kind'], Set<string>>();
  for (const { kind, id } of subjects) {
    const ids = idsByKind.get(kind) ?? new Set<string>();
    ids.add(id);
    idsByKind.set(kind, ids);
  }
  const answers = new Map(await Promise.all([...idsByKind].map(async ([kind, ids]) => [kind, await yearlyOf(kind, [...ids])] as const)));
  return subjects.map(({ kind, id }) => sumIntoPeriods(range, answers.get(kind)?.get(id) ?? []));
}

function assertYear(year: number, name: string): void {
  if (!Number.isSafeInteger(year)) throw new RangeError(`trend ${name} must be an integer year (got ${String(year)})`);
}
