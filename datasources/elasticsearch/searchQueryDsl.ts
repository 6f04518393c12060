import type { estypes } from '@elastic/elasticsearch';
import type { SearchQuery, SearchTerm } from '../shared/searchQuery';

type Query = estypes.QueryDslQueryContainer;

/** The searched fields; the title counts twice as much for relevance. */
const FIELDS = ['title^2', 'abstract'];

/**
 * One term as a query whose text is only a value: a word needs each of its analyzer words in the title or the
 * abstract (`cross_fields`, operator and — as PostgreSQL's plainto_tsquery over both fields); a phrase needs its
 * words in order, adjacent, within one field.
 */
export function termQuery(term: SearchTerm): Query {
  return term.kind === 'word'
    ? { multi_match: { query: term.text, fields: [...FIELDS], type: 'cross_fields', operator: 'and' } }
    : { multi_match: { query: term.text, fields: [...FIELDS], type: 'phrase' } };
}

function clauseQuery(clause: readonly SearchTerm[]): Query {
  if (clause.length === 1) return termQuery(clause[0] as SearchTerm);
  return { bool: { should: clause.map(termQuery), minimum_should_match: 1 } };
}

/**
 * The SearchQuery as an Elasticsearch bool query (`must`: every clause, each a `should` of its alternatives;
 * `must_not`: the exclusions) — the same match set as `searchQuerySql` renders for PostgreSQL. An empty
 * query matches every document.
 */
export function searchQueryDsl(query: SearchQuery): { must: Query[]; must_not: Query[] } {
  return { must: query.clauses.map(clauseQuery), must_not: query.exclude.map(termQuery) };
}
