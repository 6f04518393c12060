import type { ArticleOperation, TouchedIds } from '../../writes/articleWrite';
import type { SqlExecutor } from '../SqlExecutor';
import { WORK_COLUMNS } from './workSql';
import type { WorkRow } from '../rows';

type Query = Pick<SqlExecutor, 'query'>;

/** The ids of `ids` that exist in `table` (a constant of this module's callers, never user text). */
export async function existingIds(q: Query, table: 'works' | 'authors' | 'topics', ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await q.query<{ id: string }>(`SELECT id FROM ${table} WHERE id = ANY($1::text[])`, [[...ids]]);
  return new Set(rows.map((r) => r.id));
}

/** Display names of the authors of `ids` that exist, by id. */
export async function authorNames(q: Query, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await q.query<{ id: string; display_name: string }>('SELECT id, display_name FROM authors WHERE id = ANY($1::text[])', [[...ids]]);
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

/** The work other than `exceptId` that has this DOI, if any. */
export async function workWithDoi(q: Query, doi: string, exceptId: string): Promise<string | undefined> {
  const [row] = await q.query<{ id: string }>('SELECT id FROM works WHERE doi = $1 AND id <> $2 LIMIT 1', [doi, exceptId]);
  return row?.id;
}

/** Type and version of a work, its row locked for the transaction; `undefined` if it does not exist. */
export async function lockWork(q: Query, id: string): Promise<{ type: string | null; version: number } | undefined> {
  const [row] = await q.query<{ type: string | null; version: number }>('SELECT type, version FROM works WHERE id = $1 FOR UPDATE', [id]);
  return row;
}

/** Works whose references include `id`. */
export async function citingWorkIds(q: Query, id: string): Promise<string[]> {
  const rows = await q.query<{ citing_id: string }>('SELECT citing_id FROM work_references WHERE cited_id = $1 ORDER BY citing_id', [id]);
  return rows.map((r) => r.citing_id);
}

export async function deleteWork(q: Query, id: string): Promise<void> {
  // Authorships, topics and the work's own references go with it (ON DELETE CASCADE).
  await q.query('DELETE FROM works WHERE id = $1', [id]);
}

export async function readWork(q: Query, id: string): Promise<WorkRow | undefined> {
  const [row] = await q.query<WorkRow>(`SELECT ${WORK_COLUMNS} FROM works w WHERE w.id = $1`, [id]);
  return row;
}

/** Inserts the outbox record of a change; answers its id. */
export async function insertOutboxRecord(
  q: Query,
  record: { workId: string; operation: ArticleOperation; touched: TouchedIds; pendingStores: readonly string[] },
): Promise<string> {
  const [row] = await q.query<{ id: string }>(
    'INSERT INTO outbox (work_id, operation, touched, pending_stores) VALUES ($1, $2, $3::jsonb, $4::text[]) RETURNING id::text AS id',
    [record.workId, record.operation, JSON.stringify(record.touched), [...record.pendingStores]],
  );
  if (!row) throw new Error('outbox insert returned no id');
  return row.id;
}
