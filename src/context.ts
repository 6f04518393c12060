import type { CatalogReader } from '../datasources/CatalogReader';
import type { ArticleService } from './articles/ArticleService';
import type { RequestAuth } from './auth/RequestAuth';
import type { CitationGraph } from '../datasources/CitationGraph';
import type { SearchIndex } from '../datasources/SearchIndex';
import type { Config } from './config';
import type { RequestBudget } from './http/limits/RequestBudget';
import type { Loaders } from './loaders/createLoaders';

/** Per-request context handed to every resolver. Built fresh for each request, loaders included. */
export interface GatewayContext {
  readonly config: Config;
  readonly loaders: Loaders;
  /** List queries (pages) that are not keyed loads. */
  readonly catalog: CatalogReader;
  /** Citation walks (`citations`), which are not keyed loads. */
  readonly citations: CitationGraph;
  readonly search: SearchIndex;
  /** Who is asking (from the bearer token); protected operations call `auth.require`. */
  readonly auth: RequestAuth;
  readonly articles: ArticleService;
  /** What the request may still spend: cost of its operations, bytes of its response, its deadline (shared by a batch). */
  readonly budget: RequestBudget;
}
