import type { estypes } from '@elastic/elasticsearch';
import { assertNever } from '../../src/core/assertNever';
import type { SearchSortKey } from '../types';

/** The type of a search order's first sort value, as search_after takes it back. */
export type ElasticSortValueKind = 'score' | 'integer' | 'text';

export interface ElasticSearchOrder {
  readonly sort: estypes.SortCombinations[];
  readonly kind: ElasticSortValueKind;
}

/** The date unknown dates sort as (the earliest possible: last when newest first), as PostgreSQL's order. */
export const UNKNOWN_DATE = '0001-01-01';

const ID = { id: { order: 'asc' } } as const;

/**
 * A search order as Elasticsearch sort clauses, each ending with the id: keyword and numeric doc values in
 * byte / numeric order, exactly the order of PostgresSearchIndex (`title_sort` is the title with A–Z
 * lowercased, `publication_date` an ISO date keyword).
 */
export function elasticSearchOrder(key: SearchSortKey): ElasticSearchOrder {
  switch (key) {
    case 'RELEVANCE':
      return { sort: [{ _score: { order: 'desc' } }, ID], kind: 'score' };
    case 'CITED_BY_COUNT_DESC':
    case 'CITED_BY_COUNT_ASC':
      return { sort: [{ cited_by_count: { order: key === 'CITED_BY_COUNT_DESC' ? 'desc' : 'asc' } }, ID], kind: 'integer' };
    case 'PUBLICATION_DATE_DESC':
    case 'PUBLICATION_DATE_ASC':
      return { sort: [{ publication_date: { order: key === 'PUBLICATION_DATE_DESC' ? 'desc' : 'asc', missing: UNKNOWN_DATE } }, ID], kind: 'text' };
    case 'TITLE_ASC':
    case 'TITLE_DESC':
      return { sort: [{ title_sort: { order: key === 'TITLE_ASC' ? 'asc' : 'desc' } }, ID], kind: 'text' };
    default:
      return assertNever(key);
  }
}
