import type { estypes } from '@elastic/elasticsearch';
import { assertNever } from '../../src/core/assertNever';
import type { WorkGroupField, WorkGroupRecord, WorkGroupRequest } from '../workGroups';

/** The document field (workIndexMapping) holding a group field's values: a keyword, number, boolean or keyword array. */
export function groupDocumentField(field: WorkGroupField): string {
  switch (field) {
    case 'YEAR':
      return 'publication_year';
    case 'TYPE':
      return 'type';
    case 'OPEN_ACCESS':
      return 'is_open_access';
    case 'TOPIC':
      return 'topic_ids';
    case 'FIELD':
      return 'topic_fields';
    case 'SUBFIELD':
      return 'topic_subfields';
    case 'DOMAIN':
      return 'topic_domains';
    case 'SOURCE':
      return 'source_id';
    case 'INSTITUTION':
      return 'institution_ids';
    case 'AUTHOR':
      return 'author_ids';
    case 'LANGUAGE':
      return 'language';
    case 'COUNTRY':
      return 'country_codes';
    default:
      return assertNever(field);
  }
}

/**
 * The aggregations of a group-by: `groups`, a terms aggregation of the first `first` values ordered by count
 * descending then key ascending (keyword keys in byte order, years as numbers: the order of workGroupSql; exact, the
 * index having one shard), and `unknown`, a `missing` aggregation counting the matches without a value, when asked
 * for. A document with an array counts once in each of its distinct values.
 */
export function workGroupAggregations(request: WorkGroupRequest): Record<string, estypes.AggregationsAggregationContainer> {
  const field = groupDocumentField(request.field);
  return {
    // Elasticsearch refuses a terms aggregation of size 0: no groups are asked for then.
    ...(request.first > 0 ? { groups: { terms: { field, size: request.first, order: [{ _count: 'desc' }, { _key: 'asc' }] } } } : {}),
    ...(request.includeUnknown ? { unknown: { missing: { field } } } : {}),
  };
}

type Bucket = { key: string | number | boolean; key_as_string?: string; doc_count: number };

/** The known groups of the answer, in its order, keyed as the filter takes them (`true`/`false`, a year as text). */
export function knownGroups(aggregations: Record<string, estypes.AggregationsAggregate> | undefined): WorkGroupRecord[] {
  const buckets = (aggregations?.['groups'] as { buckets?: Bucket[] } | undefined)?.buckets ?? [];
  return buckets.map((b) => ({ key: b.key_as_string ?? String(b.key), count: b.doc_count }));
}

/** How many matches have no value (the `missing` aggregation), or undefined when it was not asked for. */
export function unknownCount(aggregations: Record<string, estypes.AggregationsAggregate> | undefined): number | undefined {
  return (aggregations?.['unknown'] as { doc_count?: number } | undefined)?.doc_count;
}
