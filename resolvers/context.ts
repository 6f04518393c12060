import type { ResponseCacheability } from '../src/core/ResponseCacheability';
import type { CatalogReader } from '../datasources/CatalogReader';
import type { CitationGraph } from '../datasources/CitationGraph';
import type { SearchIndex } from '../datasources/SearchIndex';
import type { StoreDescription } from '../datasources/StoreDescription';
import type { RequestAuth } from '../src/auth/RequestAuth';
import type { Loaders } from '../src/loaders/createLoaders';
import type { ArticleService } from '../src/writes/ArticleService';
import type { OutboxAdmin } from '../src/writes/OutboxAdmin';
import type { SyncTracker } from '../src/writes/SyncTracker';

/** What the `gateway` query reports: this build's version and the backend behind each store. */
export interface GatewayDescription {
  readonly version: string;
  /** Each store and the backend answering for it now (a projection rebuilt in place is answered by PostgreSQL). */
  stores(): Promise<readonly StoreDescription[]>;
}

/**
 * Per-request context handed to every resolver. Built fresh for each request, loaders included. The server adds
 * what only the HTTP edge reads (the request's budget); resolvers see this much.
 */
export interface GatewayContext {
  readonly loaders: Loaders;
  /** List queries (pages) that are not keyed loads. */
  readonly catalog: CatalogReader;
  /** Citation walks (`citations`), which are not keyed loads. */
  readonly citations: CitationGraph;
  /** Most works one citation walk visits (CITATION_WALK_MAX_NODES). */
  readonly citationWalkMaxNodes: number;
  readonly search: SearchIndex;
  /** Who is asking (from the bearer token); protected operations call `auth.require`. */
  readonly auth: RequestAuth;
  readonly articles: ArticleService;
  readonly outbox: OutboxAdmin;
  /** Sync tokens: issued by the mutations, read by `syncStatus`. */
  readonly sync: SyncTracker;
  readonly gateway: GatewayDescription;
  /** Lets a resolver whose answer is random make the response uncacheable. */
  readonly cacheability: ResponseCacheability;
}
