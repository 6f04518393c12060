/** The subject of a trend. */
export interface TrendSubject {
  readonly kind: 'work' | 'author' | 'topic';
  readonly id: string;
}

export type TrendInterval = 'YEAR' | 'FIVE_YEARS' | 'DECADE';

/** Periods `from`..`to` (inclusive years), grouped by `interval` (periods start at years divisible by 5 or 10). */
export interface TrendRange {
  readonly from: number;
  readonly to: number;
  readonly interval: TrendInterval;
}

export interface TrendPointRecord {
  /** First year of the period. */
  readonly period: number;
  /** Loaded works published in the period (for a work subject: 1 in its publication year). */
  readonly works: number;
  /** Citations received in the period, summed from OpenAlex counts_by_year over the subject's loaded works. */
  readonly citations: number;
}

/**
 * Publications and citations per period (InfluxDB, or SQL aggregation in PostgreSQL). One series per subject,
 * aligned with `subjects`, each with a point for every period of the range (zeros included), oldest first.
 * Subjects of one kind are answered by one query.
 */
export interface TrendStore {
  readonly backend: 'influxdb' | 'postgresql';
  trends(subjects: readonly TrendSubject[], range: TrendRange): Promise<TrendPointRecord[][]>;
}
