import type { StorePolicy } from '../shared/StorePolicy';
import { answerTrends, type YearlyBySubject, type YearlyValues } from '../trendPeriods';
import type { TrendPointRecord, TrendRange, TrendStore, TrendSubject } from '../TrendStore';
import type { SqlExecutor } from './SqlExecutor';
import { yearlyTrendSql } from './sql/trendSql';

interface YearlyRow {
  readonly subject_id: string;
  readonly year: number;
  readonly works: number;
  readonly citations: number;
}

/**
 * Trends aggregated in SQL from the catalog (`works.publication_year`, `works.counts_by_year`, `authorships`,
 * `work_topics`): the store used when no InfluxDB is configured. One statement per kind of subject for all the
 * subjects of that kind (`= ANY($1::text[])`), yearly sums from SQL, periods summed and zero-filled by
 * `answerTrends`. Every statement runs under the store's cockatiel policy.
 */
export class PostgresTrendStore implements TrendStore {
  readonly backend = 'postgresql';

  constructor(
    private readonly db: Pick<SqlExecutor, 'query'>,
    private readonly policy: StorePolicy,
  ) {}

  trends(subjects: readonly TrendSubject[], range: TrendRange): Promise<TrendPointRecord[][]> {
    return answerTrends(subjects, range, async (kind, ids) => {
      const rows = await this.policy.execute(`trends.${kind}`, () => this.db.query<YearlyRow>(yearlyTrendSql(kind), [ids, range.from, range.to]));
      const bySubject = new Map<string, YearlyValues[]>();
      for (const row of rows) {
        const list = bySubject.get(row.subject_id) ?? [];
        list.push({ year: Number(row.year), works: Number(row.works), citations: Number(row.citations) });
        bySubject.set(row.subject_id, list);
      }
      return bySubject satisfies YearlyBySubject;
    });
  }
}
