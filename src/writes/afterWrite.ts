import type { Cache } from '../../datasources/cache/Cache';
import { invalidateWorkChange } from '../../datasources/cache/invalidateWorkChange';
import { ResponseCacheGeneration } from '../../datasources/cache/ResponseCacheGeneration';
import type { TouchedIds } from '../../datasources/writes/articleWrite';

/** A committed change (or a projection's apply of it): the work and the ids it touched. */
export interface WrittenChange {
  readonly workId: string;
  readonly touched: TouchedIds;
}

/**
 * What runs after every committed article change and every projection apply: the work's cached reads are dropped
 * and a new response-cache generation starts (README, "HTTP caching").
 */
export function afterWrite(cache: Cache): (change: WrittenChange) => Promise<void> {
  const responses = new ResponseCacheGeneration(cache);
  return async (change) => {
    await invalidateWorkChange(cache, change.workId, change.touched);
    await responses.bump();
  };
}
