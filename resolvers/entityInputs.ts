import type { EntitySortKey, InstitutionFilter as InstitutionFilterRecord, SourceFilter as SourceFilterRecord, TopicFilter as TopicFilterRecord } from '../datasources/types';
import type { InstitutionFilter, SourceFilter, TopicFilter } from '../src/generated/graphql';

/** The default order of topic, source and institution lists: most loaded works first (then id). */
export const DEFAULT_ENTITY_SORT: readonly EntitySortKey[] = ['WORKS_COUNT_DESC'];

/** A topic filter as the catalog takes it (every value travels as a bound parameter). */
export function toTopicFilter(filter: TopicFilter | null | undefined): TopicFilterRecord | undefined {
  return filter == null ? undefined : { nameContains: filter.nameContains, subfield: filter.subfield, field: filter.field, domain: filter.domain };
}

export function toSourceFilter(filter: SourceFilter | null | undefined): SourceFilterRecord | undefined {
  return filter == null ? undefined : { nameContains: filter.nameContains, type: filter.type };
}

export function toInstitutionFilter(filter: InstitutionFilter | null | undefined): InstitutionFilterRecord | undefined {
  return filter == null ? undefined : { nameContains: filter.nameContains, countryCode: filter.countryCode, type: filter.type };
}
