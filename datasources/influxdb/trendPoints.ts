import { Point } from '@influxdata/influxdb-client';
import { bylineAuthorIds } from '../writes/bylineAuthorIds';
import type { WorkWrite } from '../writes/catalogWrite';
import type { TrendSubject } from '../TrendStore';

/**
 * The names of the trend layout in InfluxDB (described in InfluxProjection.ts). They are the only identifiers
 * InfluxQL text is built from; every value (ids, kinds, times) travels as a bound parameter or in line protocol.
 */
export const TREND_MEASUREMENT = 'trend';
export const TREND_TAGS = { kind: 'subject_kind', subject: 'subject_id', work: 'work_id' } as const;
export const TREND_FIELDS = { works: 'works', citations: 'citations' } as const;

/**
 * Years whose Jan 1 UTC fits InfluxDB's int64 nanosecond timestamps (1677-09-21 … 2262-04-11). A work's
 * values for a year outside them cannot be stored and are left out (the projection logs them).
 */
export const FIRST_STORABLE_YEAR = 1678;
export const LAST_STORABLE_YEAR = 2262;

/** What one work contributes to one subject in one year: one point. */
export interface TrendFact {
  readonly kind: TrendSubject['kind'];
  readonly subjectId: string;
  readonly workId: string;
  readonly year: number;
  /** 1 in the work's publication year, else 0. */
  readonly works: number;
  /** The work's citations received that year (OpenAlex counts_by_year). */
  readonly citations: number;
}

/** The points of one work and the years it had values for that InfluxDB cannot hold. */
export interface WorkFacts {
  readonly facts: TrendFact[];
  readonly unstorableYears: number[];
}

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

/**
 * The facts of one work: for the work itself, each distinct author of its byline (a name OpenAlex could not
 * attach to an author is no subject) and each distinct topic, one
 * fact per year where the work was published or cited (years with neither are left out; a year listed twice
 * in counts_by_year is summed).
 */
export function trendFactsOfWork(work: WorkWrite): WorkFacts {
  const yearly = new Map<number, { works: number; citations: number }>();
  const at = (year: number) => {
    let values = yearly.get(year);
    if (!values) yearly.set(year, (values = { works: 0, citations: 0 }));
    return values;
  };
  if (work.publicationYear !== null) at(work.publicationYear).works = 1;
  for (const { year, citedByCount } of work.countsByYear) at(year).citations += citedByCount;

  const subjects: { kind: TrendSubject['kind']; id: string }[] = [
    { kind: 'work', id: work.id },
    ...bylineAuthorIds(work.authorships).map((id) => ({ kind: 'author' as const, id })),
    ...unique(work.topics.map((t) => t.topicId)).map((id) => ({ kind: 'topic' as const, id })),
  ];
  const facts: TrendFact[] = [];
  const unstorableYears: number[] = [];
  for (const [year, { works, citations }] of [...yearly].sort((a, b) => a[0] - b[0])) {
    if (works === 0 && citations === 0) continue;
    if (!isStorableYear(year)) {
      unstorableYears.push(year);
      continue;
    }
    for (const { kind, id } of subjects) facts.push({ kind, subjectId: id, workId: work.id, year, works, citations });
  }
  return { facts, unstorableYears };
}

/** The line-protocol point of a fact (Point escapes tag values). */
export function toPoint(fact: TrendFact): Point {
  return new Point(TREND_MEASUREMENT)
    .tag(TREND_TAGS.kind, fact.kind)
    .tag(TREND_TAGS.subject, fact.subjectId)
    .tag(TREND_TAGS.work, fact.workId)
    .intField(TREND_FIELDS.works, fact.works)
    .intField(TREND_FIELDS.citations, fact.citations)
    .timestamp(yearStart(fact.year));
}

function unique(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}
