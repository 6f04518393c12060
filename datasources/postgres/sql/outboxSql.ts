/**
 * SQL of the outbox (migrations/003_outbox.sql). Every value is a bound parameter.
 *
 * Claiming: the oldest ready record of each work that no live relay holds, locked with `FOR UPDATE SKIP
 * LOCKED` so that relays claiming at the same moment take different records, then leased (`leased_until`)
 * so that no transaction stays open while the relay talks to the stores. A record is claimable only when no
 * older live record of the same work exists: one article's changes are delivered in commit order.
 */
export const CLAIM_SQL = `UPDATE outbox SET leased_until = now() + make_interval(secs => $2::double precision / 1000), leased_by = $3
WHERE id IN (
  SELECT o.id FROM outbox o
  WHERE o.dead_lettered_at IS NULL AND o.next_attempt_at <= now() AND (o.leased_until IS NULL OR o.leased_until < now())
    AND NOT EXISTS (SELECT 1 FROM outbox e WHERE e.work_id = o.work_id AND e.id < o.id AND e.dead_lettered_at IS NULL)
  ORDER BY o.id
  LIMIT $1
  FOR UPDATE SKIP LOCKED)
RETURNING ${recordColumns('outbox')}`;

/** Deletes a record delivered everywhere (only while this relay still holds its lease). */
export const DELETE_DELIVERED_SQL = 'DELETE FROM outbox WHERE id = $1::bigint AND leased_by = $2';

/**
 * After a round with failures: the stores still pending, the attempt counted (or not), the next attempt
 * scheduled, dead-lettered once `attempts` reaches the maximum. Returns whether it was dead-lettered.
 */
export const SETTLE_FAILED_SQL = `UPDATE outbox SET
  pending_stores = $3::text[],
  attempts = attempts + $4::integer,
  last_error = $5,
  next_attempt_at = now() + make_interval(secs => $6::double precision / 1000),
  dead_lettered_at = CASE WHEN attempts + $4::integer >= $7::integer THEN now() END,
  leased_until = NULL, leased_by = NULL
WHERE id = $1::bigint AND leased_by = $2
RETURNING dead_lettered_at IS NOT NULL AS dead`;

export const STATE_SQL = 'SELECT pending_stores, attempts, last_error, dead_lettered_at FROM outbox WHERE id = $1::bigint';

export const STATS_SQL = `SELECT
  count(*) FILTER (WHERE dead_lettered_at IS NULL)::integer AS pending,
  count(*) FILTER (WHERE dead_lettered_at IS NOT NULL)::integer AS dead_lettered,
  extract(epoch FROM now() - min(created_at) FILTER (WHERE dead_lettered_at IS NULL))::double precision AS oldest_age
FROM outbox`;

export const DEAD_LETTERS_SQL = `SELECT ${recordColumns('outbox')} FROM outbox WHERE dead_lettered_at IS NOT NULL ORDER BY id LIMIT $1`;

export const REQUEUE_SQL = `UPDATE outbox SET dead_lettered_at = NULL, attempts = 0, next_attempt_at = now(), leased_until = NULL, leased_by = NULL
WHERE dead_lettered_at IS NOT NULL AND ($1::bigint[] IS NULL OR id = ANY($1::bigint[]))`;

function recordColumns(table: string): string {
  return ['id::text AS id', 'work_id', 'operation', 'touched', 'pending_stores', 'attempts', 'last_error', 'created_at', 'dead_lettered_at']
    .map((c) => `${table}.${c}`)
    .join(', ');
}

/**
 * A sync token's trace ($1 the outbox id or null, $2 the work id): the record if it is still there, whether the outbox's
 * sequence ever reached its id (a record that is gone was delivered, unless the database is not the one that issued
 * it), and the work's current version. One row always.
 */
export const TRACE_SQL = `SELECT o.work_id, o.pending_stores, o.attempts, o.last_error, o.dead_lettered_at,
  (SELECT w.version FROM works w WHERE w.id = $2) AS current_version,
  $1::bigint <= COALESCE(pg_sequence_last_value(pg_get_serial_sequence('outbox', 'id')::regclass), 0) AS issued
FROM (SELECT 1) AS one LEFT JOIN outbox o ON o.id = $1::bigint`;
