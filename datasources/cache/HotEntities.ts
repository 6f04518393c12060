import { LRUCache } from 'lru-cache';
import type { Cache } from './Cache';
import { entryBytes } from './LruCache';
import { ResponseCacheGeneration } from './ResponseCacheGeneration';

/** Longest a decoded entity is kept, whatever its cache entry's lifetime (it is re-read from the cache after that). */
export const HOT_ENTITY_TTL_MS = 60_000;

interface HotEntry {
  readonly value: unknown;
  /** The write generation current when the value was read from the cache or the store. */
  readonly generation: string;
  readonly bytes: number;
}

/**
 * Decoded entities of the cross-request cache kept in this process (CACHE_HOT_BYTES), so a read of a hot work,
 * byline or author costs neither a Redis round trip nor a JSON decode (`cachedBatch`).
 *
 * Each entry carries the write generation (ResponseCacheGeneration) current when it was read, and is served only
 * while that generation is still current: every write that drops cached entities starts a new generation
 * (`afterWrite`), heard at once in this process and through Redis in every other, so an entry read before a write
 * is never served after it is heard of. A generation not heard of for RESPONSE_CACHE_GENERATION_HOLD_MS (1 s) is
 * read again from the cache — the bound on how late a replica learns of another's write when the announcement is
 * lost, the same as for the response cache. Values are frozen (deeply) when kept: every reader shares them.
 *
 * Bounded in bytes (an entry counts as its JSON's characters, two bytes each, plus overhead; one larger than a
 * tenth of the bound is not kept) and in time (HOT_ENTITY_TTL_MS, or the entity's cache lifetime if shorter).
 */
export class HotEntities {
  private readonly entries: LRUCache<string, HotEntry>;
  private readonly generation: ResponseCacheGeneration;

  constructor(
    cache: Cache,
    readonly maxBytes: number,
  ) {
    this.entries = new LRUCache<string, HotEntry>({
      maxSize: Math.max(1, maxBytes),
      maxEntrySize: Math.max(1, Math.floor(maxBytes / 10)),
      sizeCalculation: (entry) => entry.bytes,
      ttlAutopurge: false,
    });
    this.generation = new ResponseCacheGeneration(cache);
    this.generation.hold();
  }

  /** Bytes the kept entries are counted as (at most `maxBytes`). */
  get bytes(): number {
    return this.entries.calculatedSize;
  }

  /** The write generation now: held in memory (no round trip) while it can be trusted, else read from the cache. */
  now(): string | Promise<string> {
    return this.generation.held() ?? this.generation.current();
  }

  /** The value kept under `key` if it was read under `generation`, else undefined. */
  get(key: string, generation: string): unknown {
    const entry = this.entries.get(key);
    return entry !== undefined && entry.generation === generation ? entry.value : undefined;
  }

  /** Keeps `value` (decoded from `json`) under `key`, read under `generation`, for at most `ttlSeconds`. */
  set(key: string, value: unknown, json: string, generation: string, ttlSeconds: number): void {
    if (this.maxBytes === 0 || value === null || value === undefined) return;
    this.entries.set(key, { value: deepFreeze(value), generation, bytes: entryBytes(key, json) }, { ttl: Math.min(HOT_ENTITY_TTL_MS, ttlSeconds * 1000) });
  }

  /** Stops listening for new generations and forgets every entry. */
  release(): void {
    this.generation.release();
    this.entries.clear();
  }
}

/** Freezes `value` and everything reachable from it (plain JSON: objects and arrays). */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
