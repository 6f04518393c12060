import { assertNever } from '../../../src/core/assertNever';
import type { EntitySortKey, InstitutionFilter, SourceFilter, TopicFilter } from '../../types';
import type { KeysetOrder, SortKeySql } from './keyset';
import type { SqlParams } from './SqlParams';

/** The entities listed by `topics`, `sources` and `institutions`. */
export type ListedEntity = 'topic' | 'source' | 'institution';

/** Columns of each entity's row under alias `e`, named as its row type (rows.ts) expects. */
export const ENTITY_COLUMNS: Record<ListedEntity, string> = {
  topic: 'e.id, e.display_name, e.subfield, e.field, e.domain',
  source: 'e.id, e.display_name, e.issn_l, e.issns, e.type, e.host_organization_name',
  institution: 'e.id, e.display_name, e.ror, e.country_code, e.type',
};

/** Each entity's table; aliased `e` by the statements. */
export const ENTITY_TABLE: Record<ListedEntity, string> = { topic: 'topics', source: 'sources', institution: 'institutions' };

/**
 * Loaded works of the entity `e` — the popularity measure lists are ranked by (README, "Using the API"): works
 * among whose topics it is, works published in it (primary location), works with a byline entry naming it.
 */
export function loadedWorksCountSql(entity: ListedEntity): string {
  switch (entity) {
    case 'topic':
      return '(SELECT count(*) FROM work_topics x WHERE x.topic_id = e.id)::integer';
    case 'source':
      return '(SELECT count(*) FROM works x WHERE x.source_id = e.id)::integer';
    case 'institution':
      return '(SELECT count(DISTINCT x.work_id) FROM authorships x WHERE x.institution_ids @> ARRAY[e.id])::integer';
    default:
      return assertNever(entity);
  }
}

/** The keyset order of an entity list, always ending with the id (byte order). */
export function entityOrder(entity: ListedEntity, sort: readonly EntitySortKey[]): KeysetOrder {
  const unique = [...new Set(sort)];
  const key = (s: EntitySortKey): SortKeySql => {
    switch (s) {
      case 'WORKS_COUNT_DESC':
        return { expr: loadedWorksCountSql(entity), desc: true, cast: 'integer' };
      case 'DISPLAY_NAME_ASC':
        return { expr: 'lower(e.display_name) COLLATE "C"', desc: false, cast: 'text' };
      default:
        return assertNever(s);
    }
  };
  return { keys: [...unique.map(key), { expr: 'e.id COLLATE "C"', desc: false, cast: 'text' }], signature: `${entity}:${unique.join(',')}` };
}

/** Filters of each entity list, as given to `entityFilterSql`. */
export interface EntityFilters {
  readonly topic: TopicFilter;
  readonly source: SourceFilter;
  readonly institution: InstitutionFilter;
}

/** The SQL condition for an entity filter over alias `e`; values go to `params`, never into the text. */
export function entityFilterSql<E extends ListedEntity>(entity: E, filter: EntityFilters[E] | undefined, params: SqlParams): string {
  if (!filter) return 'TRUE';
  const parts: string[] = [];
  if (filter.nameContains != null) parts.push(`strpos(lower(e.display_name), lower(${params.add(filter.nameContains, 'text')})) > 0`);
  // Column names come from these closed lists, never from input.
  const f = filter as TopicFilter & SourceFilter & InstitutionFilter;
  const exact: Record<ListedEntity, readonly (readonly [string, string | null | undefined])[]> = {
    topic: [['subfield', f.subfield], ['field', f.field], ['domain', f.domain]],
    source: [['type', f.type]],
    institution: [['country_code', f.countryCode], ['type', f.type]],
  };
  for (const [column, value] of exact[entity]) {
    if (value != null) parts.push(`lower(e.${column}) = lower(${params.add(value, 'text')})`);
  }
  return parts.length === 0 ? 'TRUE' : parts.join(' AND ');
}
