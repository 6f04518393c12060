-- Projections being rebuilt in place (Neo4j, InfluxDB: emptied, then written again by `npm run reindex`). While a
-- store has a row here every gateway process answers its capability from PostgreSQL; the rebuild deletes the row
-- once it has succeeded, and a failed one leaves it (the next successful rebuild of the store deletes it).
CREATE TABLE IF NOT EXISTS projection_rebuilds (
  store       text PRIMARY KEY,
  started_at  timestamptz NOT NULL DEFAULT now()
);
