import type { WorkFilter, WorkSortKey } from '../../types';
import type { KeysetOrder, SortKeySql } from './keyset';
import type { SqlParams } from './SqlParams';

/**
 * A `text[]` of OpenAlex ids as one comma-joined text (read back with `idsFromList`): a work holds hundreds of
 * reference ids, and splitting one string is far cheaper than the driver's array parser (ids never hold a comma).
 */
export function idListSql(column: string): string {
  return `array_to_string(${column}, ',')`;
}

/** Columns of a work summary (a page of a list), under alias `w`, named as `WorkSummaryRow` expects. */
export const WORK_SUMMARY_COLUMNS = `w.id, w.doi, w.pmid, w.title, w.title_markup, w.publication_year, w.publication_date::text AS publication_date,
  w.type, w.language, w.cited_by_count, w.is_open_access, w.source_id, w.primary_topic_id, w.oa_status, w.oa_url, w.version`;

/** Columns of a whole work row, under alias `w`, named as `WorkRow` expects. */
export const WORK_COLUMNS = `${WORK_SUMMARY_COLUMNS}, w.abstract,
  ${idListSql('w.referenced_work_ids')} AS referenced_work_ids, ${idListSql('w.related_work_ids')} AS related_work_ids`;

const WORK_SORT_KEYS: Record<WorkSortKey, SortKeySql> = {
  CITED_BY_COUNT_DESC: { expr: 'w.cited_by_count', desc: true, cast: 'integer' },
  CITED_BY_COUNT_ASC: { expr: 'w.cited_by_count', desc: false, cast: 'integer' },
  // Unknown dates sort as the earliest possible date: last when newest-first. The date itself, not its text (a
  // cast to text is not immutable, so no index could hold it): works_publication_date_key_idx (migration 010) serves it.
  PUBLICATION_DATE_DESC: { expr: "COALESCE(w.publication_date, DATE '0001-01-01')", desc: true, cast: 'date' },
  PUBLICATION_DATE_ASC: { expr: "COALESCE(w.publication_date, DATE '0001-01-01')", desc: false, cast: 'date' },
  // Byte order (COLLATE "C") so PostgreSQL and PGlite order titles identically whatever the cluster locale;
  // works_title_key_idx (migration 010) holds this very expression.
  TITLE_ASC: { expr: `lower(COALESCE(w.title, '')) COLLATE "C"`, desc: false, cast: 'text' },
  TITLE_DESC: { expr: `lower(COALESCE(w.title, '')) COLLATE "C"`, desc: true, cast: 'text' },
};

const ID_TIE_BREAK: SortKeySql = { expr: 'w.id COLLATE "C"', desc: false, cast: 'text' };

/** The keyset order for a list of sort keys (duplicates dropped), always ending with the id. */
export function workOrder(sort: readonly WorkSortKey[]): KeysetOrder {
  const unique = [...new Set(sort)];
  return { keys: [...unique.map((s) => WORK_SORT_KEYS[s]), ID_TIE_BREAK], signature: `work:${unique.join(',')}` };
}

/**
 * The SQL condition for a work filter over alias `w`; values go to `params`, never into the text. The same
 * semantics as `workFilterQuery` on Elasticsearch: every set field must hold, a missing value never satisfies a
 * condition, an empty list matches nothing.
 */
export function workFilterSql(filter: WorkFilter | undefined, params: SqlParams): string {
  if (!filter) return 'TRUE';
  const parts: string[] = [];
  const range = (expr: string, r: WorkFilter['citedByCount']) => {
    if (r?.gte != null) parts.push(`${expr} >= ${params.add(r.gte, 'integer')}`);
    if (r?.lte != null) parts.push(`${expr} <= ${params.add(r.lte, 'integer')}`);
  };
  range('w.publication_year', filter.publicationYear);
  range('w.cited_by_count', filter.citedByCount);
  if (filter.type != null) parts.push(`w.type = ANY(${params.add(filter.type, 'text[]')})`);
  if (filter.isOpenAccess != null) parts.push(`w.is_open_access = ${params.add(filter.isOpenAccess, 'boolean')}`);
  if (filter.doi != null) parts.push(`w.doi = ${params.add(filter.doi, 'text')}`);
  if (filter.authorId != null) {
    parts.push(`EXISTS (SELECT 1 FROM authorships fa WHERE fa.work_id = w.id AND fa.author_id = ${params.add(filter.authorId, 'text')})`);
  }
  if (filter.topicId != null) {
    parts.push(`EXISTS (SELECT 1 FROM work_topics ft WHERE ft.work_id = w.id AND ft.topic_id = ${params.add(filter.topicId, 'text')})`);
  }
  parts.push(...catalogFilterSql(filter, params));
  for (const sub of filter.and ?? []) parts.push(`(${workFilterSql(sub, params)})`);
  if (filter.or != null) {
    parts.push(filter.or.length === 0 ? 'FALSE' : `(${filter.or.map((sub) => `(${workFilterSql(sub, params)})`).join(' OR ')})`);
  }
  return parts.length === 0 ? 'TRUE' : parts.join(' AND ');
}

/**
 * The conditions of the filter fields that read the byline's institutions, the topics' hierarchy, the references and
 * the work's own language, source, DOI, abstract and date (issue 15). Each set is an uncorrelated `ARRAY(SELECT …)`
 * evaluated once, so the join into authorships and work_topics goes through their indexes (migration 011).
 */
function catalogFilterSql(filter: WorkFilter, params: SqlParams): string[] {
  const parts: string[] = [];
  if (filter.language != null) parts.push(`w.language = ANY(${params.add(filter.language, 'text[]')})`);
  if (filter.sourceId != null) parts.push(`w.source_id = ${params.add(filter.sourceId, 'text')}`);
  if (filter.institutionId != null) {
    parts.push(`EXISTS (SELECT 1 FROM authorships fi WHERE fi.work_id = w.id AND fi.institution_ids @> ARRAY[${params.add(filter.institutionId, 'text')}])`);
  }
  if (filter.countryCode != null) {
    const countries = params.add(filter.countryCode, 'text[]');
    parts.push(`EXISTS (SELECT 1 FROM authorships fc WHERE fc.work_id = w.id
      AND fc.institution_ids && ARRAY(SELECT i.id FROM institutions i WHERE upper(i.country_code) = ANY(${countries})))`);
  }
  if (filter.hasDoi != null) parts.push(filter.hasDoi ? 'w.doi IS NOT NULL' : 'w.doi IS NULL');
  if (filter.hasAbstract != null) parts.push(`(COALESCE(w.abstract, '') <> '') = ${params.add(filter.hasAbstract, 'boolean')}`);
  // work_references holds every referenced id, loaded or not (its cited_id has no foreign key).
  if (filter.cites != null) parts.push(`EXISTS (SELECT 1 FROM work_references fr WHERE fr.citing_id = w.id AND fr.cited_id = ${params.add(filter.cites, 'text')})`);
  // Only loaded works are rows of w; a citing work that is not loaded has no references here.
  if (filter.citedBy != null) parts.push(`w.id IN (SELECT fb.cited_id FROM work_references fb WHERE fb.citing_id = ${params.add(filter.citedBy, 'text')})`);
  if (filter.publicationDate?.gte != null) parts.push(`w.publication_date >= ${params.add(filter.publicationDate.gte, 'date')}`);
  if (filter.publicationDate?.lte != null) parts.push(`w.publication_date <= ${params.add(filter.publicationDate.lte, 'date')}`);
  // Column names come from this closed list, never from input.
  const hierarchy: readonly (readonly [string, string | null | undefined])[] = [
    ['field', filter.topicField],
    ['subfield', filter.topicSubfield],
    ['domain', filter.topicDomain],
  ];
  for (const [column, name] of hierarchy) {
    if (name == null) continue;
    parts.push(`EXISTS (SELECT 1 FROM work_topics fh WHERE fh.work_id = w.id
      AND fh.topic_id = ANY(ARRAY(SELECT t.id FROM topics t WHERE t.${column} = ${params.add(name, 'text')})))`);
  }
  return parts;
}
