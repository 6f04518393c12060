import type { AuthorFilter, AuthorSortKey } from '../../types';
import type { KeysetOrder, SortKeySql } from './keyset';
import type { SqlParams } from './SqlParams';

/**
 * Works count of an author: OpenAlex's `works_count` when its Author record was loaded, else the works
 * loaded here that list the author (co-authors known only from bylines).
 */
const WORKS_COUNT = `COALESCE(au.works_count, (SELECT count(DISTINCT x.work_id) FROM authorships x WHERE x.author_id = au.id))::integer`;

/** Columns of an author row, under alias `au`, named as `AuthorRow` expects. */
export const AUTHOR_COLUMNS = `au.id, au.display_name, au.orcid, ${WORKS_COUNT} AS works_count, au.cited_by_count, au.h_index, au.institution_ids`;

const AUTHOR_SORT_KEYS: Record<AuthorSortKey, SortKeySql> = {
  CITED_BY_COUNT_DESC: { expr: 'COALESCE(au.cited_by_count, -1)', desc: true, cast: 'integer' },
  CITED_BY_COUNT_ASC: { expr: 'COALESCE(au.cited_by_count, -1)', desc: false, cast: 'integer' },
  WORKS_COUNT_DESC: { expr: WORKS_COUNT, desc: true, cast: 'integer' },
  WORKS_COUNT_ASC: { expr: WORKS_COUNT, desc: false, cast: 'integer' },
  DISPLAY_NAME_ASC: { expr: 'lower(au.display_name) COLLATE "C"', desc: false, cast: 'text' },
  DISPLAY_NAME_DESC: { expr: 'lower(au.display_name) COLLATE "C"', desc: true, cast: 'text' },
};

/** The keyset order for author sort keys, always ending with the id. */
export function authorOrder(sort: readonly AuthorSortKey[]): KeysetOrder {
  const unique = [...new Set(sort)];
  return {
    keys: [...unique.map((s) => AUTHOR_SORT_KEYS[s]), { expr: 'au.id COLLATE "C"', desc: false, cast: 'text' }],
    signature: `author:${unique.join(',')}`,
  };
}

/** The SQL condition for an author filter over alias `au`. */
export function authorFilterSql(filter: AuthorFilter | undefined, params: SqlParams): string {
  if (!filter) return 'TRUE';
  const parts: string[] = [];
  if (filter.nameContains != null) {
    parts.push(`strpos(lower(au.display_name), lower(${params.add(filter.nameContains, 'text')})) > 0`);
  }
  if (filter.orcid != null) parts.push(`au.orcid = ${params.add(filter.orcid, 'text')}`);
  if (filter.institutionId != null) parts.push(`${params.add(filter.institutionId, 'text')} = ANY(au.institution_ids)`);
  for (const [expr, r] of [
    [WORKS_COUNT, filter.worksCount],
    ['au.cited_by_count', filter.citedByCount],
  ] as const) {
    if (r?.gte != null) parts.push(`${expr} >= ${params.add(r.gte, 'integer')}`);
    if (r?.lte != null) parts.push(`${expr} <= ${params.add(r.lte, 'integer')}`);
  }
  return parts.length === 0 ? 'TRUE' : parts.join(' AND ');
}
