import type { SearchHit, SearchResult } from '../../datasources/SearchIndex';

/** What `searchWorks` resolves to: the search result (page, facets, total) as the index answered it. */
export interface SearchConnectionSource {
  readonly result: Promise<SearchResult>;
}

/** One search hit with its cursor; the `node` is loaded from the catalog by id. */
export interface SearchEdgeSource {
  readonly cursor: string;
  readonly hit: SearchHit;
}
