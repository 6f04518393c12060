import { gatewayMetrics } from '../../src/core/metrics';
import type { Cache } from './Cache';
import { type CacheEntity, cacheKey } from './cacheKeys';

/**
 * Read-through batch lookup: serve what the cache has, load the rest with `load` (one call for all
 * misses), store what was found, and return results aligned with `ids` (null for unknown ids).
 */
export async function cachedBatch<T>(
  cache: Cache,
  entity: CacheEntity,
  ttlSeconds: number,
  ids: readonly string[],
  load: (missing: readonly string[]) => Promise<(T | null)[]>,
): Promise<(T | null)[]> {
  const cached = await cache.getMany(ids.map((id) => cacheKey(entity, id)));
  const results: (T | null)[] = cached.map((raw) => (raw === undefined ? null : (JSON.parse(raw) as T)));
  const missingIndexes = cached.flatMap((raw, i) => (raw === undefined ? [i] : []));
  countCacheRequests(cache, entity, ids.length - missingIndexes.length, missingIndexes.length);
  if (missingIndexes.length === 0) return results;
  const loaded = await load(missingIndexes.map((i) => ids[i] as string));
  const toStore = [];
  for (const [n, i] of missingIndexes.entries()) {
    const value = loaded[n] ?? null;
    results[i] = value;
    if (value !== null) toStore.push({ key: cacheKey(entity, ids[i] as string), value: JSON.stringify(value), ttlSeconds });
  }
  await cache.setMany(toStore);
  return results;
}

/** gateway_cache_requests_total: one hit or miss per key looked up (a cache that is down answers misses). */
export function countCacheRequests(cache: Cache, entity: string, hits: number, misses: number): void {
  if (hits > 0) gatewayMetrics.cacheRequests.inc({ store: cache.backend, entity, result: 'hit' }, hits);
  if (misses > 0) gatewayMetrics.cacheRequests.inc({ store: cache.backend, entity, result: 'miss' }, misses);
}
