import { createHash } from 'node:crypto';
import type { Cache } from './Cache';
import { cachedBatch, countCacheRequests } from './cachedBatch';
import { cacheKey } from './cacheKeys';
import type { HotEntities } from './HotEntities';
import { ResponseCacheGeneration } from './ResponseCacheGeneration';

/** Seconds a list's total stays cached within one write generation. */
export const LIST_TOTAL_TTL_SECONDS = 60;

/**
 * The totals of filtered lists (`works(filter) { totalCount }` and the other lists of the catalog), cached per list
 * and filter until the next write. A total is a count over every matching row — at a million works the unfiltered
 * one reads the whole table (about 100 ms) — and a client paging through a list asks for the same total on every
 * page. The key carries the write generation (ResponseCacheGeneration: replaced after every committed change and
 * every projection apply), so a write ends every cached total at once, with the same bound as the response cache on
 * how late another replica hears of it. Keys hold a SHA-256 of the filter, so their size is fixed whatever the filter.
 */
export class CachedListTotals {
  private readonly generation: ResponseCacheGeneration;

  constructor(
    private readonly cache: Cache,
    private readonly hot?: HotEntities,
  ) {
    this.generation = new ResponseCacheGeneration(cache);
    this.generation.hold();
  }

  /** The total of `list` under `filter`: cached for this write generation, else counted by `count` and stored. */
  async total(list: string, filter: unknown, count: () => Promise<number>): Promise<number> {
    const generation = this.generation.held() ?? (await this.generation.current());
    const filterHash = createHash('sha256').update(JSON.stringify(filter ?? null)).digest('base64url');
    const key = cacheKey('listTotal', `${list}:${generation}:${filterHash}`);
    const [raw] = await this.cache.getMany([key]);
    const cached = raw === undefined ? Number.NaN : Number(raw);
    countCacheRequests(this.cache, 'listTotal', Number.isInteger(cached) ? 1 : 0, Number.isInteger(cached) ? 0 : 1);
    if (Number.isInteger(cached)) return cached;
    const n = await count();
    await this.cache.setMany([{ key, value: String(n), ttlSeconds: LIST_TOTAL_TTL_SECONDS }]);
    return n;
  }

  /**
   * The totals of one list per owner (`list` names it, e.g. `works.of.author`), aligned with `ids`, each cached for
   * this write generation as `total` caches one list's; the owners not cached are counted by `count` in one call.
   */
  async totalsOf(list: string, ids: readonly string[], count: (missing: readonly string[]) => Promise<number[]>): Promise<number[]> {
    const generation = this.generation.held() ?? (await this.generation.current());
    const prefix = `${list}:${generation}:`;
    const totals = await cachedBatch(
      this.cache,
      'listTotal',
      LIST_TOTAL_TTL_SECONDS,
      ids.map((id) => prefix + id),
      (missing) => count(missing.map((key) => key.slice(prefix.length))),
      this.hot,
    );
    return totals.map((n) => n ?? 0);
  }

  /** Stops listening for new generations. */
  release(): void {
    this.generation.release();
  }
}
