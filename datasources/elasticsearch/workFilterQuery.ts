import type { estypes } from '@elastic/elasticsearch';
import type { IntRange, WorkFilter } from '../types';

type Query = estypes.QueryDslQueryContainer;

const MATCH_NONE: Query = { match_none: {} };

function range(field: string, r: IntRange | null | undefined): Query[] {
  if (r == null || (r.gte == null && r.lte == null)) return [];
  return [{ range: { [field]: { ...(r.gte != null ? { gte: r.gte } : {}), ...(r.lte != null ? { lte: r.lte } : {}) } } }];
}

/**
 * The WorkFilter as an Elasticsearch filter query, with the semantics of `workFilterSql`: every set field
 * must hold (a missing value never satisfies a condition), `and` adds conditions, `or` needs one of its
 * filters (an empty `or` matches nothing), `type: []` matches nothing. Values are query values only.
 */
export function workFilterQuery(filter: WorkFilter | null | undefined): Query {
  if (!filter) return { match_all: {} };
  const must: Query[] = [...range('publication_year', filter.publicationYear), ...range('cited_by_count', filter.citedByCount)];
  if (filter.type != null) must.push(filter.type.length === 0 ? MATCH_NONE : { terms: { type: [...filter.type] } });
  if (filter.isOpenAccess != null) must.push({ term: { is_open_access: filter.isOpenAccess } });
  if (filter.doi != null) must.push({ term: { doi: filter.doi } });
  if (filter.authorId != null) must.push({ term: { author_ids: filter.authorId } });
  if (filter.topicId != null) must.push({ term: { topic_ids: filter.topicId } });
  for (const sub of filter.and ?? []) must.push(workFilterQuery(sub));
  if (filter.or != null) {
    must.push(filter.or.length === 0 ? MATCH_NONE : { bool: { should: filter.or.map(workFilterQuery), minimum_should_match: 1 } });
  }
  if (must.length === 0) return { match_all: {} };
  return { bool: { filter: must } };
}
