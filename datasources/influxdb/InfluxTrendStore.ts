import type { StorePolicy } from '../shared/StorePolicy';
import { answerTrends, type YearlyValues } from '../trendPeriods';
import type { TrendPointRecord, TrendRange, TrendStore, TrendSubject } from '../TrendStore';
import type { InfluxSeries, InfluxV1Client } from './InfluxV1Client';
import { yearlyTrendQuery } from './trendInfluxql';
import { TREND_FIELDS, TREND_TAGS, yearOfEpochMs } from './trendPoints';

/**
 * Trends read from the InfluxDB projection (layout in InfluxProjection.ts) with InfluxQL over the v1 HTTP API:
 * one query per kind of subject for all its subjects (`"subject_id" = $s0 OR …`), yearly sums from InfluxDB,
 * periods summed and zero-filled by `answerTrends`. Every query runs under the store's cockatiel policy.
 */
export class InfluxTrendStore implements TrendStore {
  readonly backend = 'influxdb';

  constructor(
    private readonly client: Pick<InfluxV1Client, 'query'>,
    private readonly policy: StorePolicy,
  ) {}

  trends(subjects: readonly TrendSubject[], range: TrendRange): Promise<TrendPointRecord[][]> {
    return answerTrends(subjects, range, async (kind, ids) => {
      const statement = yearlyTrendQuery(kind, ids, range.from, range.to);
      if (!statement) return new Map();
      // epoch=ms: bucket times stay exact JavaScript numbers (nanoseconds past 2^53 would not).
      const series = await this.policy.execute(`trends.${kind}`, (signal) => this.client.query(statement.text, statement.params, { epoch: 'ms', signal }));
      return new Map(series.map((s) => [s.tags[TREND_TAGS.subject] ?? '', yearlyValues(s)]));
    });
  }
}

function yearlyValues(series: InfluxSeries): YearlyValues[] {
  return series.rows.map((row) => ({
    year: yearOfEpochMs(Number(row['time'])),
    works: Number(row[TREND_FIELDS.works] ?? 0),
    citations: Number(row[TREND_FIELDS.citations] ?? 0),
  }));
}
