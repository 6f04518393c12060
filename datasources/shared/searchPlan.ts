import type { SearchSortKey } from '../types';
import { parseSearchQuery, type SearchQuery } from './searchQuery';

/** What a backend runs for one search: the parsed query, whether it can match anything, the order. */
export interface SearchPlan {
  readonly query: SearchQuery;
  /** False for text with no term at all (`%_\ !?`): it matches nothing (blank text browses instead). */
  readonly canMatch: boolean;
  /** The order the page is in (a cursor is bound to it). */
  readonly sort: SearchSortKey;
  /** Whether hits have terms to highlight and rank by. */
  readonly ranked: boolean;
}

/**
 * Reads a search: blank text browses every work the filter admits; the order defaults to RELEVANCE when the
 * query has terms a work must hold, else to CITED_BY_COUNT_DESC — which RELEVANCE also falls back to when there
 * is nothing to rank by (browsing, or exclusions only).
 */
export function searchPlan(text: string, sort: readonly SearchSortKey[]): SearchPlan {
  const query = parseSearchQuery(text);
  const ranked = query.clauses.length > 0;
  const canMatch = text.trim() === '' || ranked || query.exclude.length > 0;
  const requested = sort[0] ?? 'RELEVANCE';
  return { query, canMatch, ranked, sort: requested === 'RELEVANCE' && !ranked ? 'CITED_BY_COUNT_DESC' : requested };
}
