import type { StorePolicy } from '../shared/StorePolicy';
import { answerTrends, type YearlyValues } from '../trendPeriods';
import type { TrendPointRecord, TrendRange, TrendStore, TrendSubject } from '../TrendStore';
import type { InfluxSeries, InfluxV1Client } from './InfluxV1Client';
import { yearlyTrendQuery } from './trendInfluxql';
import { TREND_FIELDS, TREND_TAGS, yearOfEpochMs } from './trendPoints';

/**
 * Trends of authors and topics read from the InfluxDB projection (layout in InfluxProjection.ts) with InfluxQL
 * over the v1 HTTP API: one query per kind of subject for all its subjects (`"subject_id" = $s0 OR …`), yearly
 * sums from InfluxDB, periods summed and zero-filled by `answerTrends`. Every query runs under the store's
 * cockatiel policy. A work's own trend is one catalog row (its publication year and counts_by_year), not a
 * series: work subjects are answered by `workTrends` (the catalog's TrendStore), in the same call.
 */
export class InfluxTrendStore implements TrendStore {
  readonly backend = 'influxdb';

  constructor(
    private readonly client: Pick<InfluxV1Client, 'query'>,
    private readonly policy: StorePolicy,
    private readonly workTrends: Pick<TrendStore, 'trends'>,
  ) {}

  async trends(subjects: readonly TrendSubject[], range: TrendRange): Promise<TrendPointRecord[][]> {
    const works = subjects.filter((s) => s.kind === 'work');
    const others = subjects.filter((s) => s.kind !== 'work');
    const [fromRows, fromSeries] = await Promise.all([
      works.length > 0 ? this.workTrends.trends(works, range) : Promise.resolve([]),
      answerTrends(others, range, (kind, ids) => this.yearly(kind, ids, range)),
    ]);
    // Back in the order of `subjects`: each part is aligned with its own subjects.
    let w = 0;
    let o = 0;
    return subjects.map((s) => (s.kind === 'work' ? fromRows[w++] : fromSeries[o++]) as TrendPointRecord[]);
  }

  private async yearly(kind: TrendSubject['kind'], ids: readonly string[], range: TrendRange): Promise<Map<string, YearlyValues[]>> {
    const statement = yearlyTrendQuery(kind, ids, range.from, range.to);
    if (!statement) return new Map();
    // epoch=ms: bucket times stay exact JavaScript numbers (nanoseconds past 2^53 would not).
    const series = await this.policy.execute(`trends.${kind}`, (signal) => this.client.query(statement.text, statement.params, { epoch: 'ms', signal }));
    return new Map(series.map((s) => [s.tags[TREND_TAGS.subject] ?? '', yearlyValues(s)]));
  }
}

function yearlyValues(series: InfluxSeries): YearlyValues[] {
  return series.rows.map((row) => ({
    year: yearOfEpochMs(Number(row['time'])),
    works: Number(row[TREND_FIELDS.works] ?? 0),
    citations: Number(row[TREND_FIELDS.citations] ?? 0),
  }));
}
