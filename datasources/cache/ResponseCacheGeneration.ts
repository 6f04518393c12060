import { randomUUID } from 'node:crypto';
import type { Cache } from './Cache';
import { announcesChanges } from './CacheChanges';
import { RESPONSE_CACHE_GENERATION_KEY } from './cacheKeys';

/** How long a generation lives without a write (a week); when it is gone, a new one simply starts. */
export const RESPONSE_CACHE_GENERATION_TTL_SECONDS = 7 * 86_400;

/**
 * How long a held generation is trusted without hearing of it again (see `hold`): the bound on how late a process
 * learns of another's write when the announcement is lost (Redis away while the write happened).
 */
export const RESPONSE_CACHE_GENERATION_HOLD_MS = 1_000;

/**
 * The generation of the response cache, kept in the gateway's cache (Redis: shared by every replica; LRU:
 * this process). Every response-cache entry carries the generation it was computed under, so `bump` (a new random
 * value) invalidates every cached response at once: old entries are never served again and expire on their own TTL.
 *
 * A missing generation (never set, expired, evicted, or the cache is unreachable) starts a new random one:
 * it can never resurrect entries written under an earlier value.
 *
 * `hold` keeps the generation in memory as well, so a response-cache hit needs no round trip: every bump is announced
 * to every process (CacheChanges; this process's own at once), and a value not heard of for
 * RESPONSE_CACHE_GENERATION_HOLD_MS is read again.
 */
export class ResponseCacheGeneration {
  private local: { readonly value: string; readonly until: number } | undefined;
  /** Counts what was heard, so a read that started before a change cannot overwrite it when it completes. */
  private heard = 0;
  private unwatch: (() => void) | undefined;

  constructor(private readonly cache: Cache) {}

  /** Starts keeping the generation in memory (when the cache announces changes); `release` stops. */
  hold(): void {
    if (this.unwatch || !announcesChanges(this.cache)) return;
    this.unwatch = this.cache.watch((change) => {
      this.heard += 1;
      if (change.kind === 'reset') this.local = undefined;
      else if (change.key === RESPONSE_CACHE_GENERATION_KEY) this.local = { value: change.value, until: performance.now() + RESPONSE_CACHE_GENERATION_HOLD_MS };
    });
  }

  release(): void {
    this.unwatch?.();
    this.unwatch = undefined;
    this.local = undefined;
  }

  /** The generation held in memory while it can be trusted, else undefined (then ask `current`). */
  held(): string | undefined {
    const local = this.local;
    return local !== undefined && local.until > performance.now() ? local.value : undefined;
  }

  /** The current generation, creating one when there is none. */
  async current(): Promise<string> {
    const heard = this.heard;
    const [value] = await this.cache.getMany([RESPONSE_CACHE_GENERATION_KEY]);
    if (value === undefined) return this.bump();
    this.remember(value, heard);
    return value;
  }

  /**
   * Remembers `value`, read from the cache when `heard` changes had been heard (a held generation only): a change
   * heard since is newer than the read and wins.
   */
  remember(value: string, heard = this.heard): void {
    if (this.unwatch && heard === this.heard) this.local = { value, until: performance.now() + RESPONSE_CACHE_GENERATION_HOLD_MS };
  }

  /** How many changes were heard so far (pass it to `remember` with a value read after it). */
  get heardCount(): number {
    return this.heard;
  }

  /** Starts a new generation (after a write that changes what cached responses hold), announces it and answers it. */
  async bump(): Promise<string> {
    const next = randomUUID();
    await this.cache.setMany([{ key: RESPONSE_CACHE_GENERATION_KEY, value: next, ttlSeconds: RESPONSE_CACHE_GENERATION_TTL_SECONDS }]);
    if (announcesChanges(this.cache)) await this.cache.announce(RESPONSE_CACHE_GENERATION_KEY, next);
    return next;
  }
}
