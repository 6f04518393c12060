import type { SearchQuery, SearchTerm } from '../../shared/searchQuery';
import type { SqlParams } from './SqlParams';

/** The text-search configuration of `works.search_vector` (migration 002). */
const CONFIG = `'simple'::regconfig`;

/** Text as the search vector reads it: slashes as spaces (migration 002), so `oil/water` is two words. */
export const searchWords = (sql: string) => `translate(${sql}, '/', ' ')`;

/** A column's own vector (for phrases, which must not run from the end of the title into the abstract). */
const fieldVector = (column: string) => `to_tsvector(${CONFIG}, ${searchWords(`COALESCE(${column}, '')`)})`;

/** The term's tsquery: plainto_tsquery (all its words) or phraseto_tsquery (adjacent, in order), of a bound value. */
function termTsquery(term: SearchTerm, params: SqlParams): string {
  const value = searchWords(params.add(term.text, 'text'));
  return term.kind === 'word' ? `plainto_tsquery(${CONFIG}, ${value})` : `phraseto_tsquery(${CONFIG}, ${value})`;
}

/**
 * Whether work `w` holds the term, as Elasticsearch's `termQuery` decides it: a word's every analyzer word in the
 * title or the abstract; a phrase within the title or within the abstract (the GIN index narrows first).
 */
function termMatch(term: SearchTerm, params: SqlParams): string {
  const tsq = termTsquery(term, params);
  if (term.kind === 'word') return `w.search_vector @@ ${tsq}`;
  return `(w.search_vector @@ ${tsq} AND (${fieldVector('w.title')} @@ ${tsq} OR ${fieldVector('w.abstract')} @@ ${tsq}))`;
}

/**
 * Whether work `w` matches the SearchQuery, as SQL with every term a bound parameter (never tsquery syntax of the
 * user's): the same match set as Elasticsearch's `searchQueryDsl`. TRUE for an empty query.
 */
export function searchMatchSql(query: SearchQuery, params: SqlParams): string {
  const parts = [
    ...query.clauses.map((clause) => (clause.length === 1 ? termMatch(clause[0] as SearchTerm, params) : `(${clause.map((t) => termMatch(t, params)).join(' OR ')})`)),
    ...query.exclude.map((term) => `NOT (${termMatch(term, params)})`),
  ];
  return parts.length === 0 ? 'TRUE' : parts.join(' AND ');
}

/**
 * The positive terms as one tsquery (clauses `&&`, alternatives `||`) for ts_rank and ts_headline; undefined when
 * the query has none. Exclusions are left out: they neither rank nor highlight.
 */
export function searchTsquerySql(query: SearchQuery, params: SqlParams): string | undefined {
  if (query.clauses.length === 0) return undefined;
  return query.clauses.map((clause) => `(${clause.map((t) => termTsquery(t, params)).join(' || ')})`).join(' && ');
}
