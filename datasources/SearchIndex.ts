import type { Page, PageRequest, WorkFilter } from './types';

export interface SearchHighlightRecord {
  readonly field: 'title' | 'abstract';
  /** Snippets with matching terms wrapped in <em>…</em>. */
  readonly snippets: readonly string[];
}

export interface SearchHit {
  readonly workId: string;
  readonly score: number;
  readonly highlights: readonly SearchHighlightRecord[];
}

export interface FacetBucketRecord {
  readonly value: string;
  readonly count: number;
}

/** Counts over every match of the query and filter (not only the page). */
export interface SearchFacets {
  /** By publication year, newest first. */
  readonly publicationYear: readonly FacetBucketRecord[];
  /** By work type, most frequent first (then value). */
  readonly type: readonly FacetBucketRecord[];
  /** `true` / `false`, most frequent first. */
  readonly isOpenAccess: readonly FacetBucketRecord[];
  /** By topic id (any of the work's topics), most frequent first (then value), at most 20. */
  readonly topic: readonly FacetBucketRecord[];
}

export interface SearchResult {
  readonly page: Page<SearchHit>;
  readonly facets: SearchFacets;
}

export interface Suggestion {
  readonly workId: string;
  readonly title: string;
}

/**
 * Full-text search over work titles and abstracts (Elasticsearch, or PostgreSQL full-text search). The query
 * string is user text: it is only ever passed as a value (a match query, plainto_tsquery), never as syntax.
 */
export interface SearchIndex {
  readonly backend: 'elasticsearch' | 'postgresql';
  /** Best match first (score, then id); `after` pages with search_after / keyset, never deep offsets. */
  search(query: string, filter: WorkFilter | undefined, request: PageRequest<never, never>): Promise<SearchResult>;
  /** Works whose title has a word starting with `prefix` (case-insensitive), most cited first, then id. */
  autocomplete(prefix: string, first: number): Promise<Suggestion[]>;
}
