-- Trend subjects (authors, topics) whose per-year totals may differ from what the InfluxDB projection holds
-- (datasources/influxdb/InfluxProjection.ts). The projection queues the subjects of the works it applies, and
-- the triggers below queue the subjects a work loses — an author or topic dropped from a re-written byline, or
-- every subject of a deleted work (the cascade deletes its authorships and topics) — in the same transaction
-- as the change, so no writer has to remember them and a crash loses none. The projection takes queued
-- subjects, recomputes their totals from the catalog, overwrites their points and removes only the entries it
-- took: `seq` is renewed whenever a subject is queued again, so an entry queued meanwhile stays.
-- At most one row per subject, so the queue never outgrows the number of distinct subjects, even when no
-- InfluxDB is configured to drain it.
CREATE SEQUENCE IF NOT EXISTS trend_stale_subjects_seq;
CREATE TABLE IF NOT EXISTS trend_stale_subjects (
  kind        text NOT NULL CHECK (kind IN ('author', 'topic')),
  subject_id  text NOT NULL,
  seq         bigint NOT NULL DEFAULT nextval('trend_stale_subjects_seq'),
  PRIMARY KEY (kind, subject_id)
);
CREATE INDEX IF NOT EXISTS trend_stale_subjects_seq_idx ON trend_stale_subjects (seq);

-- Statement-level: one INSERT per DELETE (or UPDATE) statement, whatever the number of rows (a batch replacing the
-- bylines of 500 works). Rows sorted, so concurrent writers lock queue rows in one order. The writers replace a
-- work's authorships and topics by DELETE and INSERT; the UPDATE triggers cover a row changed in place (its old
-- subject is queued; PostgreSQL allows transition tables only on single-event triggers, hence two per table).
CREATE OR REPLACE FUNCTION trend_queue_lost_authors() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO trend_stale_subjects (kind, subject_id)
  SELECT DISTINCT 'author', author_id FROM lost WHERE author_id IS NOT NULL ORDER BY 2
  ON CONFLICT (kind, subject_id) DO UPDATE SET seq = EXCLUDED.seq;
  RETURN NULL;
END
$$;
CREATE OR REPLACE FUNCTION trend_queue_lost_topics() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO trend_stale_subjects (kind, subject_id)
  SELECT DISTINCT 'topic', topic_id FROM lost ORDER BY 2
  ON CONFLICT (kind, subject_id) DO UPDATE SET seq = EXCLUDED.seq;
  RETURN NULL;
END
$$;
DROP TRIGGER IF EXISTS authorships_trend_stale ON authorships;
CREATE TRIGGER authorships_trend_stale AFTER DELETE ON authorships
  REFERENCING OLD TABLE AS lost FOR EACH STATEMENT EXECUTE FUNCTION trend_queue_lost_authors();
DROP TRIGGER IF EXISTS work_topics_trend_stale ON work_topics;
CREATE TRIGGER work_topics_trend_stale AFTER DELETE ON work_topics
  REFERENCING OLD TABLE AS lost FOR EACH STATEMENT EXECUTE FUNCTION trend_queue_lost_topics();
DROP TRIGGER IF EXISTS authorships_trend_stale_update ON authorships;
CREATE TRIGGER authorships_trend_stale_update AFTER UPDATE ON authorships
  REFERENCING OLD TABLE AS lost FOR EACH STATEMENT EXECUTE FUNCTION trend_queue_lost_authors();
DROP TRIGGER IF EXISTS work_topics_trend_stale_update ON work_topics;
CREATE TRIGGER work_topics_trend_stale_update AFTER UPDATE ON work_topics
  REFERENCING OLD TABLE AS lost FOR EACH STATEMENT EXECUTE FUNCTION trend_queue_lost_topics();
