import type { AutocompleteWords } from './shared/autocompleteWords';
import { FACET_NAMES, type FacetName } from './shared/facetFilters';
import type { Page, PageRequest, SearchSortKey, WorkFilter } from './types';
import type { WorkGroupRequest, WorkGroupsResult } from './workGroups';

export interface SearchHighlightRecord {
  readonly field: 'title' | 'abstract';
  /** Snippets with matching terms wrapped in <em>…</em>. */
  readonly snippets: readonly string[];
}

export interface SearchHit {
  readonly workId: string;
  /** Relevance (backend-specific scale); 0 when the query has no term to rank by. */
  readonly score: number;
  readonly highlights: readonly SearchHighlightRecord[];
}

export interface FacetBucketRecord {
  readonly value: string;
  readonly count: number;
}

/**
 * Counts over every match of the query and filter (not only the page), multi-select: a facet's counts ignore
 * its own top-level filter field (`splitFacetFilter`), so the values it offers next to a picked one stay.
 */
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

/**
 * What a search is asked for (a request's selection, in store-neutral words): the page of hits (`first` of the
 * request), the total, and which facets. A store does only that work: an unwanted page answers no edges (and no
 * next page), an unwanted facet no buckets; an unwanted total is still answered when asked for, at the cost of
 * another count.
 */
export interface SearchWants {
  readonly page: boolean;
  readonly totalCount: boolean;
  readonly facets: readonly FacetName[];
}

/** Everything a search can answer: the page, the total and every facet (the default of `SearchIndex.search`). */
export const EVERY_SEARCH_PART: SearchWants = { page: true, totalCount: true, facets: FACET_NAMES };

/** Nothing but the total: what `totalCount()` of a search that did not want it asks for. */
export const TOTAL_ONLY: SearchWants = { page: false, totalCount: true, facets: [] };

export interface SearchResult {
  readonly page: Page<SearchHit>;
  readonly facets: SearchFacets;
}

export interface Suggestion {
  readonly workId: string;
  readonly title: string;
}

/** The entities autocomplete suggests besides works. */
export type SuggestionKind = 'author' | 'topic' | 'institution' | 'source';

/** One suggested entity: its short id and display name. */
export interface EntitySuggestion {
  readonly id: string;
  readonly displayName: string;
}

/**
 * Full-text search over work titles and abstracts (Elasticsearch, or PostgreSQL full-text search). The query
 * string is user text in web-search syntax (searchQuery.ts): its terms are only ever passed as values (match
 * queries, plainto_tsquery / phraseto_tsquery parameters), never as query syntax.
 */
export interface SearchIndex {
  readonly backend: 'elasticsearch' | 'postgresql';
  /**
   * The works matching `query` and `filter` (blank text: every work the filter admits) in the order of
   * `request.sort[0]` (searchPlan: RELEVANCE by default when the query has terms, else CITED_BY_COUNT_DESC), the id
   * breaking ties; `after` pages with search_after / keyset, never deep offsets, and is bound to query, filter and order.
   * Only the parts in `wants` are fetched (SearchWants); a bad cursor is refused whatever is wanted.
   */
  search(query: string, filter: WorkFilter | undefined, request: PageRequest<never, SearchSortKey>, wants?: SearchWants): Promise<SearchResult>;
  /**
   * Group-by counts (workGroups.ts) over the works matching `query` and `filter` — the match set of `search`, the
   * whole filter applied (no multi-select split): the field's values, count descending then key, and the total.
   */
  groupBy(query: string, filter: WorkFilter | undefined, request: WorkGroupRequest): Promise<WorkGroupsResult>;
  /**
   * Works whose plain title holds every word of `words` but the last and a word starting with the last
   * (autocompleteWords), most cited first, then title (A–Z lowercased, byte order), then id.
   */
  autocomplete(words: AutocompleteWords, first: number): Promise<Suggestion[]>;
  /**
   * Entities of `kind` whose display name matches `words` by the same rule, by popularity (an author's OpenAlex
   * `cited_by_count`, 0 when unknown; 0 for topics, institutions and sources), then display name (A–Z lowercased,
   * byte order), then id.
   */
  suggest(kind: SuggestionKind, words: AutocompleteWords, first: number): Promise<EntitySuggestion[]>;
}
