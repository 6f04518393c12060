-- The transactional outbox: every article mutation commits its catalog rows and one outbox record in the same
-- transaction; the relay (src/outbox/OutboxRelay.ts) projects the record into Elasticsearch, Neo4j and InfluxDB
-- and deletes it once every store listed in pending_stores has applied it. A record is never dropped: after
-- OUTBOX_MAX_ATTEMPTS failed attempts it is parked (dead_lettered_at set) and listed by the admin query.
CREATE TABLE IF NOT EXISTS outbox (
  id                bigserial PRIMARY KEY,
  work_id           text NOT NULL,
  operation         text NOT NULL CHECK (operation IN ('create', 'update', 'delete')),
  -- Ids whose projections and caches the change touches besides the work itself, before and after it:
  -- {"authorIds": [...], "topicIds": [...], "referencedWorkIds": [...]}.
  touched           jsonb NOT NULL DEFAULT '{}',
  -- Projection stores that have not applied the record yet; the record is deleted when this is empty.
  pending_stores    text[] NOT NULL,
  attempts          integer NOT NULL DEFAULT 0,
  next_attempt_at   timestamptz NOT NULL DEFAULT now(),
  -- A relay holds a record by lease (no transaction stays open while it talks to the stores).
  leased_until      timestamptz,
  leased_by         text,
  last_error        text,
  created_at        timestamptz NOT NULL DEFAULT now(),
  dead_lettered_at  timestamptz
);
CREATE INDEX IF NOT EXISTS outbox_ready_idx ON outbox (next_attempt_at, id) WHERE dead_lettered_at IS NULL;
CREATE INDEX IF NOT EXISTS outbox_work_idx ON outbox (work_id, id);
