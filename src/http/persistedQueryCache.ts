import type { PersistedQueryOptions } from '@apollo/server';
import { LRUCache } from 'lru-cache';
import type { Cache } from '../../datasources/cache/Cache';
import { GatewayKeyValueCache } from './GatewayKeyValueCache';
import type { PersistedDocuments } from './PersistedDocuments';

/** Apollo Server's key-value cache interface, as its `persistedQueries.cache` option takes it. */
export type PersistedQueryCache = NonNullable<PersistedQueryOptions['cache']>;

/** How long a registered automatic persisted query is kept (Redis or in-process). */
export const APQ_TTL_SECONDS = 86_400;

/** Bytes of query text the in-process APQ cache holds at most (like Apollo's own default cache: 30 MiB). */
export const APQ_MEMORY_BYTES = 30 * 1024 * 1024;

/** Apollo prefixes every APQ key with this; what follows is the SHA-256 the client sent. */
const APOLLO_APQ_PREFIX = 'apq:';

function hashOf(key: string): string {
  return key.startsWith(APOLLO_APQ_PREFIX) ? key.slice(APOLLO_APQ_PREFIX.length) : key;
}

/**
 * The cache behind automatic persisted queries:
 * - `persistedOnly`: the persisted documents and nothing else; registrations are ignored (the allow-list
 *   plugin refuses the documents that are not on the list);
 * - otherwise registered queries live in Redis when the gateway's cache is Redis (shared by every instance),
 *   else in a size-bounded in-process LRU of their own (so registrations never evict cached catalog reads);
 *   persisted documents, when given, answer first.
 */
export function createPersistedQueryCache(options: {
  readonly cache: Cache;
  readonly documents: PersistedDocuments | undefined;
  readonly persistedOnly: boolean;
}): PersistedQueryCache {
  const { cache, documents, persistedOnly } = options;
  if (persistedOnly) {
    if (!documents) throw new Error('persisted-only mode needs persisted documents');
    return new DocumentListCache(documents, undefined);
  }
  const registered =
    cache.backend === 'redis'
      ? new GatewayKeyValueCache(cache, { entity: 'apq', idOf: hashOf, defaultTtlSeconds: APQ_TTL_SECONDS })
      : new BoundedMemoryCache(APQ_MEMORY_BYTES);
  return documents ? new DocumentListCache(documents, registered) : registered;
}

/** Persisted documents first (read-only), then `registered` if any. */
class DocumentListCache implements PersistedQueryCache {
  constructor(
    private readonly documents: PersistedDocuments,
    private readonly registered: PersistedQueryCache | undefined,
  ) {}

  async get(key: string): Promise<string | undefined> {
    return this.documents.get(hashOf(key)) ?? (await this.registered?.get(key));
  }

  async set(key: string, value: string, options?: { ttl?: number | null }): Promise<void> {
    if (this.documents.get(hashOf(key)) !== undefined) return;
    await this.registered?.set(key, value, options);
  }

  async delete(key: string): Promise<void> {
    await this.registered?.delete(key);
  }
}

/** An in-process LRU bounded by the total length of the query texts it holds. */
class BoundedMemoryCache implements PersistedQueryCache {
  private readonly lru: LRUCache<string, string>;

  constructor(maxBytes: number) {
    this.lru = new LRUCache<string, string>({ maxSize: maxBytes, sizeCalculation: (value) => Math.max(1, value.length) });
  }

  async get(key: string): Promise<string | undefined> {
    return this.lru.get(key);
  }

  async set(key: string, value: string, options?: { ttl?: number | null }): Promise<void> {
    // lru-cache refuses (silently) an entry larger than maxSize: such a query is simply not persisted.
    this.lru.set(key, value, { ttl: (options?.ttl ?? APQ_TTL_SECONDS) * 1000 });
  }

  async delete(key: string): Promise<void> {
    this.lru.delete(key);
  }
}
