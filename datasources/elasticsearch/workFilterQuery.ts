import type { estypes } from '@elastic/elasticsearch';
import type { DateRange, IntRange, WorkFilter } from '../types';

type Query = estypes.QueryDslQueryContainer;

const MATCH_NONE: Query = { match_none: {} };

function range(field: string, r: IntRange | DateRange | null | undefined): Query[] {
  if (r == null || (r.gte == null && r.lte == null)) return [];
  return [{ range: { [field]: { ...(r.gte != null ? { gte: r.gte } : {}), ...(r.lte != null ? { lte: r.lte } : {}) } } }];
}

/** Any of the values in a keyword field; an empty list matches nothing. */
function anyOf(field: string, values: readonly string[] | null | undefined): Query[] {
  if (values == null) return [];
  return [values.length === 0 ? MATCH_NONE : { terms: { [field]: [...values] } }];
}

function term(field: string, value: string | boolean | null | undefined): Query[] {
  return value == null ? [] : [{ term: { [field]: value } }];
}

/**
 * The WorkFilter as an Elasticsearch filter query over the works index `index`, with the semantics of
 * `workFilterSql`: every set field must hold (a missing value never satisfies a condition), `and` adds conditions,
 * `or` needs one of its filters (an empty `or` matches nothing), an empty list (`type`, `language`, `countryCode`)
 * matches nothing. Values are query values only. `citedBy` is a terms lookup: the ids in the citing work's own
 * `referenced_work_ids` (bounded by its reference list, fetched by the node in the same request); a citing work
 * that is not indexed gives no ids, so nothing.
 */
export function workFilterQuery(filter: WorkFilter | null | undefined, index: string): Query {
  if (!filter) return { match_all: {} };
  const must: Query[] = [
    ...range('publication_year', filter.publicationYear),
    ...range('cited_by_count', filter.citedByCount),
    ...range('publication_date', filter.publicationDate),
    ...anyOf('type', filter.type),
    ...anyOf('language', filter.language),
    ...anyOf('country_codes', filter.countryCode),
    ...term('is_open_access', filter.isOpenAccess),
    ...term('doi', filter.doi),
    ...term('author_ids', filter.authorId),
    ...term('topic_ids', filter.topicId),
    ...term('source_id', filter.sourceId),
    ...term('institution_ids', filter.institutionId),
    ...term('has_abstract', filter.hasAbstract),
    ...term('referenced_work_ids', filter.cites),
    ...term('topic_fields', filter.topicField),
    ...term('topic_subfields', filter.topicSubfield),
    ...term('topic_domains', filter.topicDomain),
  ];
  if (filter.hasDoi != null) must.push(filter.hasDoi ? { exists: { field: 'doi' } } : { bool: { must_not: [{ exists: { field: 'doi' } }] } });
  if (filter.citedBy != null) must.push({ terms: { id: { index, id: filter.citedBy, path: 'referenced_work_ids' } } });
  for (const sub of filter.and ?? []) must.push(workFilterQuery(sub, index));
  if (filter.or != null) {
    must.push(filter.or.length === 0 ? MATCH_NONE : { bool: { should: filter.or.map((sub) => workFilterQuery(sub, index)), minimum_should_match: 1 } });
  }
  if (must.length === 0) return { match_all: {} };
  return { bool: { filter: must } };
}
