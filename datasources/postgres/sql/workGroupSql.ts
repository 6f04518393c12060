import { assertNever } from '../../../src/core/assertNever';
import type { SearchPlan } from '../../shared/searchPlan';
import type { WorkFilter } from '../../types';
import type { WorkGroupField, WorkGroupRequest } from '../../workGroups';
import { searchMatchSql } from './searchQuerySql';
import type { SqlParams } from './SqlParams';
import { workFilterSql } from './workSql';

/**
 * The (work id, key) rows of one group field over the matches `m`, each pair once: a work's column, or its distinct
 * topics, topic hierarchy names, byline authors, byline institutions or their countries. Rows with no value are
 * left out (a work without any is "unknown").
 */
function valuesSql(field: WorkGroupField): string {
  const topics = 'FROM m JOIN work_topics wt ON wt.work_id = m.id JOIN topics t ON t.id = wt.topic_id';
  const institutions = 'FROM m JOIN authorships a ON a.work_id = m.id CROSS JOIN LATERAL unnest(a.institution_ids) AS i(id)';
  switch (field) {
    case 'YEAR':
      return 'SELECT m.id, m.publication_year::text AS key FROM m WHERE m.publication_year IS NOT NULL';
    case 'TYPE':
      return 'SELECT m.id, m.type AS key FROM m WHERE m.type IS NOT NULL';
    case 'OPEN_ACCESS':
      return 'SELECT m.id, m.is_open_access::text AS key FROM m';
    case 'LANGUAGE':
      return 'SELECT m.id, m.language AS key FROM m WHERE m.language IS NOT NULL';
    case 'SOURCE':
      return 'SELECT m.id, m.source_id AS key FROM m WHERE m.source_id IS NOT NULL';
    case 'TOPIC':
      return 'SELECT wt.work_id AS id, wt.topic_id AS key FROM m JOIN work_topics wt ON wt.work_id = m.id';
    case 'FIELD':
      return `SELECT DISTINCT m.id, t.field AS key ${topics} WHERE t.field IS NOT NULL`;
    case 'SUBFIELD':
      return `SELECT DISTINCT m.id, t.subfield AS key ${topics} WHERE t.subfield IS NOT NULL`;
    case 'DOMAIN':
      return `SELECT DISTINCT m.id, t.domain AS key ${topics} WHERE t.domain IS NOT NULL`;
    case 'AUTHOR':
      return 'SELECT DISTINCT m.id, a.author_id AS key FROM m JOIN authorships a ON a.work_id = m.id WHERE a.author_id IS NOT NULL';
    case 'INSTITUTION':
      return `SELECT DISTINCT m.id, i.id AS key ${institutions}`;
    case 'COUNTRY':
      // Uppercase, an empty code is none: as the Elasticsearch document reads them (workDocumentLookups).
      return `SELECT DISTINCT m.id, upper(ins.country_code) AS key ${institutions} JOIN institutions ins ON ins.id = i.id WHERE ins.country_code <> ''`;
    default:
      return assertNever(field);
  }
}

/** Years order as numbers (as Elasticsearch's integer keys do); every other key as text in byte order. */
const keyOrder = (field: WorkGroupField) => (field === 'YEAR' ? 'key::integer' : 'key COLLATE "C"');

/**
 * One statement for a group-by: the matches of the search plan and the filter (the match set of searchPageSql), the
 * (id, key) rows of the field, and rows (kind, key, n, ord): 'total' (every match), 'valued' (matches with a value,
 * only when the unknown group is asked for) and 'group' (the first `first` keys, count descending then key, `ord`
 * their rank). Values are bound parameters only.
 */
export function workGroupSql(plan: SearchPlan, filter: WorkFilter | undefined, request: WorkGroupRequest, params: SqlParams): string {
  const match = plan.canMatch ? searchMatchSql(plan.query, params) : 'FALSE';
  const where = workFilterSql(filter, params);
  const order = `count(*) DESC, ${keyOrder(request.field)}`;
  const valued = request.includeUnknown ? `UNION ALL SELECT 'valued', NULL, (SELECT count(DISTINCT id) FROM v)::integer, 0` : '';
  return `WITH m AS MATERIALIZED (
      SELECT w.id, w.publication_year, w.type, w.is_open_access, w.language, w.source_id
      FROM works w
      WHERE ${match} AND ${where}
    ),
    v AS (${valuesSql(request.field)})
    SELECT 'total' AS kind, NULL::text AS key, (SELECT count(*) FROM m)::integer AS n, 0 AS ord
    ${valued}
    UNION ALL (
      SELECT 'group', key, count(*)::integer, row_number() OVER (ORDER BY ${order})::integer
      FROM v GROUP BY key
      ORDER BY ${order} LIMIT ${params.add(request.first, 'integer')}
    )`;
}

export interface WorkGroupRow {
  readonly kind: 'total' | 'valued' | 'group';
  readonly key: string | null;
  readonly n: number;
  readonly ord: number;
}
