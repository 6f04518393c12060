import type { PersistedQueryOptions } from '@apollo/server';
import type { Cache } from '../../../datasources/cache/Cache';
import { gatewayMetrics } from '../../core/metrics';
import { BoundedMemoryCache } from './BoundedMemoryCache';
import { GatewayKeyValueCache } from './GatewayKeyValueCache';
import type { PersistedDocuments } from '../limits/PersistedDocuments';

/** Apollo Server's key-value cache interface, as its `persistedQueries.cache` option takes it. */
export type PersistedQueryCache = NonNullable<PersistedQueryOptions['cache']>;

/** How long a registered automatic persisted query is kept (Redis or in-process). */
export const APQ_TTL_SECONDS = 86_400;

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
  /** Bound of the in-process store of registered queries, used without Redis (APQ_CACHE_MAX_BYTES). */
  readonly memoryBytes: number;
}): PersistedQueryCache {
  const { cache, documents, persistedOnly } = options;
  if (persistedOnly) {
    if (!documents) throw new Error('persisted-only mode needs persisted documents');
    return new DocumentListCache(documents, undefined);
  }
  const registered =
    cache.backend === 'redis'
      ? new GatewayKeyValueCache(cache, { entity: 'apq', idOf: hashOf, defaultTtlSeconds: APQ_TTL_SECONDS })
      : registeredInMemory(options.memoryBytes);
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

/** Registered queries in process: bounded by the bytes of their text (two per UTF-16 unit), reported in /metrics as `apq`. */
function registeredInMemory(maxBytes: number): PersistedQueryCache {
  const store = new BoundedMemoryCache<string>({ maxBytes, sizeOf: (value, key) => 2 * (value.length + key.length), defaultTtlSeconds: APQ_TTL_SECONDS });
  gatewayMetrics.trackCache('apq', store);
  return store;
}
