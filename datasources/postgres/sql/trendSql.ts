import type { TrendSubject } from '../../TrendStore';

/**
 * SQL of the trends over the catalog. Every text here is fixed; subject ids and the year bounds are bound
 * parameters: `$1` = subject ids (text[]), `$2` = first year, `$3` = last year (integers, inclusive).
 */

/** Per kind of subject: the loaded works each subject counts, as (subject_id, work_id), each pair once. */
export const SUBJECT_WORKS_SQL: Readonly<Record<TrendSubject['kind'], string>> = {
  // A work is its own subject.
  work: 'SELECT w.id AS subject_id, w.id AS work_id FROM works w WHERE w.id = ANY($1::text[])',
  // DISTINCT: an author twice on one byline counts that work once.
  author: 'SELECT DISTINCT a.author_id AS subject_id, a.work_id FROM authorships a WHERE a.author_id = ANY($1::text[])',
  topic: 'SELECT DISTINCT t.topic_id AS subject_id, t.work_id FROM work_topics t WHERE t.topic_id = ANY($1::text[])',
};

/**
 * Works published and citations received per subject and year within `$2..$3`, only for years that count
 * something: `works` counts the subject's works by publication_year, `citations` sums their OpenAlex
 * counts_by_year (stored as `[{year, citedByCount}]`). Rows ordered by subject, then year.
 */
export function yearlyTrendSql(kind: TrendSubject['kind']): string {
  return `WITH subject_works AS (${SUBJECT_WORKS_SQL[kind]}),
  yearly AS (
    SELECT sw.subject_id, w.publication_year AS year, 1 AS works, 0 AS citations
    FROM subject_works sw JOIN works w ON w.id = sw.work_id
    WHERE w.publication_year BETWEEN $2::integer AND $3::integer
    UNION ALL
    SELECT sw.subject_id, c.year, 0 AS works, COALESCE(c."citedByCount", 0) AS citations
    FROM subject_works sw JOIN works w ON w.id = sw.work_id
      CROSS JOIN LATERAL jsonb_to_recordset(w.counts_by_year) AS c(year integer, "citedByCount" integer)
    WHERE c.year BETWEEN $2::integer AND $3::integer
  )
  SELECT subject_id, year, sum(works)::integer AS works, sum(citations)::integer AS citations
  FROM yearly GROUP BY subject_id, year ORDER BY subject_id, year`;
}
