/** SQL of the rebuild marks (migrations/015_projection_rebuilds.sql). Every value is a bound parameter. */
export const MARK_REBUILD_SQL = 'INSERT INTO projection_rebuilds (store) VALUES ($1) ON CONFLICT (store) DO UPDATE SET started_at = now()';

export const CLEAR_REBUILD_SQL = 'DELETE FROM projection_rebuilds WHERE store = $1';

export const MARKED_REBUILDS_SQL = 'SELECT store FROM projection_rebuilds';
