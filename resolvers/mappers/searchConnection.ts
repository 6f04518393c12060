import type { SearchHit, SearchResult } from '../../datasources/SearchIndex';
import type { WorkFilter } from '../../datasources/types';

/**
 * What `searchWorks` resolves to: the search result (page, facets, total) as the index answered it, and the query
 * and filter it was asked with (its `groupBy` counts over the same matches).
 */
export interface SearchConnectionSource {
  readonly result: Promise<SearchResult>;
  readonly query: string;
  readonly filter: WorkFilter | undefined;
}

/** One search hit with its cursor; the `node` is loaded from the catalog by id. */
export interface SearchEdgeSource {
  readonly cursor: string;
  readonly hit: SearchHit;
}
