/**
 * SQL of the trend recomputation queue (migration 008) and of subjects' per-year totals. Every text is fixed;
 * kinds, ids, sequence numbers and the limit are bound parameters.
 */

/** Any fixed key that no other advisory lock of the gateway uses (migrations take 7201). */
export const TREND_RECOMPUTE_LOCK = 7208;

/** `$1` = work ids: queues each distinct author (attached ones only) and topic of those works, in key order. */
export const QUEUE_SUBJECTS_OF_WORKS_SQL = `INSERT INTO trend_stale_subjects (kind, subject_id)
  SELECT kind, subject_id FROM (
    SELECT 'author'::text AS kind, author_id AS subject_id FROM authorships WHERE work_id = ANY($1::text[]) AND author_id IS NOT NULL
    UNION
    SELECT 'topic'::text, topic_id FROM work_topics WHERE work_id = ANY($1::text[])
  ) s ORDER BY kind, subject_id
  ON CONFLICT (kind, subject_id) DO UPDATE SET seq = EXCLUDED.seq`;

/** `$1` = limit: the oldest queued subjects. */
export const TAKE_QUEUED_SQL = 'SELECT kind, subject_id, seq FROM trend_stale_subjects ORDER BY seq LIMIT $1::integer';

/** `$1` kinds, `$2` ids, `$3` seqs (aligned arrays): removes the entries taken, unless queued again since. */
export const DEQUEUE_SQL = `DELETE FROM trend_stale_subjects q
  USING unnest($1::text[], $2::text[], $3::bigint[]) AS t(kind, subject_id, seq)
  WHERE q.kind = t.kind AND q.subject_id = t.subject_id AND q.seq = t.seq`;

/**
 * `$1` kinds, `$2` ids (aligned arrays): per subject and year, the loaded works it counts published that year
 * and their citations that year (counts_by_year, stored as `[{year, citedByCount}]`); only years that count
 * something, ordered by kind, subject, year. An author twice on one byline counts that work once (DISTINCT).
 * Same meaning as PostgresTrendStore's yearlyTrendSql, for subjects of both kinds in one statement.
 */
export const SUBJECT_YEAR_TOTALS_SQL = `WITH subjects AS (
    SELECT DISTINCT kind, subject_id FROM unnest($1::text[], $2::text[]) AS s(kind, subject_id)
  ),
  subject_works AS (
    SELECT DISTINCT s.kind, s.subject_id, a.work_id FROM subjects s JOIN authorships a ON a.author_id = s.subject_id WHERE s.kind = 'author'
    UNION ALL
    SELECT DISTINCT s.kind, s.subject_id, t.work_id FROM subjects s JOIN work_topics t ON t.topic_id = s.subject_id WHERE s.kind = 'topic'
  ),
  per_work AS (
    SELECT sw.kind, sw.subject_id, w.publication_year, w.counts_by_year FROM subject_works sw JOIN works w ON w.id = sw.work_id
  ),
  yearly AS (
    SELECT kind, subject_id, publication_year AS year, 1 AS works, 0 AS citations FROM per_work WHERE publication_year IS NOT NULL
    UNION ALL
    SELECT p.kind, p.subject_id, c.year, 0 AS works, COALESCE(c."citedByCount", 0) AS citations
    FROM per_work p CROSS JOIN LATERAL jsonb_to_recordset(p.counts_by_year) AS c(year integer, "citedByCount" integer)
    WHERE c.year IS NOT NULL
  )
  SELECT kind, subject_id, year, sum(works)::bigint AS works, sum(citations)::bigint AS citations
  FROM yearly GROUP BY kind, subject_id, year
  HAVING sum(works) > 0 OR sum(citations) > 0
  ORDER BY kind, subject_id, year`;
