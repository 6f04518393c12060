import { gatewayMetrics } from '../../src/core/metrics';
import type { Cache } from './Cache';
import type { HotEntities } from './HotEntities';
import { type CacheEntity, cacheKey } from './cacheKeys';

/**
 * Read-through batch lookup: serve what the cache has, load the rest with `load` (one call for all
 * misses), store what was found, and return results aligned with `ids` (null for unknown ids). With `hot`, the
 * decoded values this process kept under the current write generation come first (no round trip, no decode),
 * and every value read or loaded is kept there too.
 */
export async function cachedBatch<T>(
  cache: Cache,
  entity: CacheEntity,
  ttlSeconds: number,
  ids: readonly string[],
  load: (missing: readonly string[]) => Promise<(T | null)[]>,
  hot?: HotEntities,
): Promise<(T | null)[]> {
  const keys = ids.map((id) => cacheKey(entity, id));
  const results: (T | null)[] = new Array<T | null>(ids.length).fill(null);
  // Read before the cache and the store: a write heard meanwhile leaves what they answer under the old generation.
  const generation = hot === undefined ? undefined : await hot.now();
  let asked: number[] = [];
  if (hot !== undefined && generation !== undefined) {
    for (const [i, key] of keys.entries()) {
      const value = hot.get(key, generation);
      if (value === undefined) asked.push(i);
      else results[i] = value as T;
    }
  } else {
    asked = keys.map((_key, i) => i);
  }
  const kept = ids.length - asked.length;
  if (kept > 0) gatewayMetrics.cacheRequests.inc({ store: 'hot', entity, result: 'hit' }, kept);
  if (asked.length === 0) return results;
  const cached = await cache.getMany(asked.map((i) => keys[i] as string));
  const missingIndexes: number[] = [];
  for (const [n, raw] of cached.entries()) {
    const i = asked[n] as number;
    if (raw === undefined) {
      missingIndexes.push(i);
      continue;
    }
    const value = JSON.parse(raw) as T;
    results[i] = value;
    if (generation !== undefined) hot?.set(keys[i] as string, value, raw, generation, ttlSeconds);
  }
  countCacheRequests(cache, entity, asked.length - missingIndexes.length, missingIndexes.length);
  if (missingIndexes.length === 0) return results;
  const loaded = await load(missingIndexes.map((i) => ids[i] as string));
  const toStore = [];
  for (const [n, i] of missingIndexes.entries()) {
    const value = loaded[n] ?? null;
    results[i] = value;
    if (value === null) continue;
    const json = JSON.stringify(value);
    toStore.push({ key: keys[i] as string, value: json, ttlSeconds });
    if (generation !== undefined) hot?.set(keys[i] as string, value, json, generation, ttlSeconds);
  }
  await cache.setMany(toStore);
  return results;
}

/** gateway_cache_requests_total: one hit or miss per key looked up (a cache that is down answers misses). */
export function countCacheRequests(cache: Cache, entity: string, hits: number, misses: number): void {
  if (hits > 0) gatewayMetrics.cacheRequests.inc({ store: cache.backend, entity, result: 'hit' }, hits);
  if (misses > 0) gatewayMetrics.cacheRequests.inc({ store: cache.backend, entity, result: 'miss' }, misses);
}
