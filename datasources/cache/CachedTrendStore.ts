import type { TrendPointRecord, TrendRange, TrendStore, TrendSubject } from '../TrendStore';
import type { Cache } from './Cache';
import { cachedBatch } from './cachedBatch';
import type { HotEntities } from './HotEntities';
import { trendSeriesId } from './cacheKeys';

/** Seconds a trend series stays cached: trends change only when works are (re)loaded. */
export const TREND_TTL_SECONDS = 600;

/**
 * Any TrendStore behind the cross-request cache: series already cached for (subject, range) are served from
 * it, the rest are asked of the store in one call.
 */
export class CachedTrendStore implements TrendStore {
  constructor(
    private readonly inner: TrendStore,
    private readonly cache: Cache,
    private readonly hot?: HotEntities,
  ) {}

  get backend() {
    return this.inner.backend;
  }

  async trends(subjects: readonly TrendSubject[], range: TrendRange): Promise<TrendPointRecord[][]> {
    const keys = subjects.map((s) => trendSeriesId(this.inner.backend, s, range));
    const bySubjectKey = new Map(subjects.map((s, i) => [keys[i] as string, s]));
    const series = await cachedBatch(this.cache, 'trend', TREND_TTL_SECONDS, keys, async (missing) =>
      this.inner.trends(
        missing.map((k) => bySubjectKey.get(k) as TrendSubject),
        range,
      ),
      this.hot,
    );
    return series.map((s) => s ?? []);
  }
}
