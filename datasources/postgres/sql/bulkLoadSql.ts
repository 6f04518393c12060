import type { SqlExecutor } from '../SqlExecutor';
import { CATALOG_TABLES } from './catalogMergeSql';

type Tx = Pick<SqlExecutor, 'query'>;

/** The gateway_state key holding what a bulk load dropped, as the statements that recreate it (JSON). */
const STATE_KEY = 'bulk_load_restore';

/** Serialises dropping and restoring (a seed and a start repairing after a killed seed). */
const BULK_LOAD_LOCK = 7202;

/** statement_timeout of the rebuild (one GIN build over a large catalog outlasts the pool's 10 s by far). */
const REBUILD_STATEMENT_TIMEOUT = '1h';

/** maintenance_work_mem of the transaction that rebuilds the indexes (the server's default is 64 MB). */
const REBUILD_MAINTENANCE_WORK_MEM = '512MB';

/** maintenance_work_mem of each of the parallel index builds (createIndexes). */
const LANE_MAINTENANCE_WORK_MEM = '256MB';

/** One index or foreign key a bulk load dropped: the statement recreating it exactly as it was (from pg_get_indexdef / pg_get_constraintdef). */
export interface Dropped {
  readonly kind: 'index' | 'constraint';
  /** The index (regclass text) or the constraint's name. */
  readonly name: string;
  /** The table (regclass text). */
  readonly table: string;
  readonly create: string;
}

/**
 * The catalog's secondary indexes and foreign keys: every index that is neither a primary key nor unique (ON CONFLICT
 * and the DOI's uniqueness need those during the load), the GIN search and name indexes included, then every foreign
 * key between the catalog tables. Indexes come first: re-adding a foreign key validates it through the referenced
 * primary key. Names and definitions come from the system catalogs, never from input.
 */
const DROPPABLE_SQL = `
  SELECT 'index' AS kind, i.indexrelid::regclass::text AS name, i.indrelid::regclass::text AS "table",
         pg_get_indexdef(i.indexrelid) AS "create", 0 AS ord
  FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
  WHERE t.relnamespace = current_schema()::regnamespace AND t.relname = ANY($1::text[])
    AND NOT i.indisprimary AND NOT i.indisunique
    AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
  UNION ALL
  SELECT 'constraint', c.conname, c.conrelid::regclass::text,
         format('ALTER TABLE %s ADD CONSTRAINT %I %s', c.conrelid::regclass, c.conname, pg_get_constraintdef(c.oid)), 1
  FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
  WHERE c.contype = 'f' AND t.relnamespace = current_schema()::regnamespace AND t.relname = ANY($1::text[])
  ORDER BY ord, "table", name`;

/** True when none of the catalog tables holds a row. */
async function catalogIsEmpty(tx: Tx): Promise<boolean> {
  const exists = CATALOG_TABLES.map((table) => `EXISTS (SELECT 1 FROM ${table})`).join(' OR ');
  const [row] = await tx.query<{ any: boolean }>(`SELECT ${exists} AS any`);
  return row?.any === false;
}

/**
 * Restores what an earlier bulk load dropped and did not restore (a seed killed midway): every recorded index and
 * foreign key that does not exist is created again from its recorded definition, and the record is removed, in one
 * transaction. Returns how many were created (0: nothing was pending). Idempotent; safe beside a running seed.
 */
export async function restoreAfterBulkLoad(tx: Tx): Promise<number> {
  await tx.query('SELECT pg_advisory_xact_lock($1)', [BULK_LOAD_LOCK]);
  const [state] = await tx.query<{ value: string }>('SELECT value FROM gateway_state WHERE key = $1 FOR UPDATE', [STATE_KEY]);
  if (!state) return 0;
  await tx.query("SELECT set_config('maintenance_work_mem', $1, true), set_config('statement_timeout', $2, true)", [
    REBUILD_MAINTENANCE_WORK_MEM,
    REBUILD_STATEMENT_TIMEOUT,
  ]);
  let created = 0;
  for (const entry of JSON.parse(state.value) as Dropped[]) {
    const [present] =
      entry.kind === 'index'
        ? await tx.query<{ yes: boolean }>('SELECT to_regclass($1) IS NOT NULL AS yes', [entry.name])
        : await tx.query<{ yes: boolean }>('SELECT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = $1 AND conrelid = $2::regclass) AS yes', [entry.name, entry.table]);
    if (present?.yes) continue;
    await tx.query(entry.create);
    created++;
  }
  await tx.query('DELETE FROM gateway_state WHERE key = $1', [STATE_KEY]);
  return created;
}

/** The recorded indexes not yet rebuilt, dealt onto `lanes` lists of about equal cost (longest first; a table's size, thrice for GIN). */
export async function pendingIndexLanes(tx: Tx, lanes: number): Promise<Dropped[][]> {
  const [state] = await tx.query<{ value: string }>('SELECT value FROM gateway_state WHERE key = $1', [STATE_KEY]);
  const indexes = state ? (JSON.parse(state.value) as Dropped[]).filter((e) => e.kind === 'index') : [];
  if (indexes.length === 0) return [];
  const sizes = await tx.query<{ table: string; bytes: number }>(
    'SELECT t AS "table", pg_relation_size(t::regclass)::float8 AS bytes FROM unnest($1::text[]) AS t',
    [[...new Set(indexes.map((e) => e.table))]],
  );
  const bytes = new Map(sizes.map((r) => [r.table, r.bytes]));
  const cost = (e: Dropped) => (bytes.get(e.table) ?? 0) * (/ USING gin /i.test(e.create) ? 3 : 1);
  const dealt = Array.from({ length: lanes }, () => ({ cost: 0, entries: [] as Dropped[] }));
  for (const entry of [...indexes].sort((a, b) => cost(b) - cost(a))) {
    const lane = dealt.reduce((min, l) => (l.cost < min.cost ? l : min));
    lane.entries.push(entry);
    lane.cost += cost(entry);
  }
  return dealt.map((l) => l.entries).filter((l) => l.length > 0);
}

/**
 * Creates the recorded indexes of `lane` that do not exist (one lane of pendingIndexLanes per connection, so the
 * builds use both cores); the record stays until restoreAfterBulkLoad, which adds the foreign keys and removes it.
 * Shares the bulk-load lock with the other lanes; a drop or a restore waits for them.
 */
export async function createIndexes(tx: Tx, lane: readonly Dropped[]): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock_shared($1)', [BULK_LOAD_LOCK]);
  await tx.query("SELECT set_config('maintenance_work_mem', $1, true), set_config('statement_timeout', $2, true)", [
    LANE_MAINTENANCE_WORK_MEM,
    REBUILD_STATEMENT_TIMEOUT,
  ]);
  for (const entry of lane) {
    const [present] = await tx.query<{ yes: boolean }>('SELECT to_regclass($1) IS NOT NULL AS yes', [entry.name]);
    if (!present?.yes) await tx.query(entry.create);
  }
}

/**
 * Prepares a bulk load into an empty catalog: restores anything a killed earlier load left dropped, then — only if
 * every catalog table is empty — records the secondary indexes and foreign keys (see DROPPABLE_SQL) in gateway_state
 * and drops them, in the same transaction, so a crash at any later point leaves a record restoreAfterBulkLoad repairs.
 * Returns how many were dropped, or `undefined` for a catalog that holds rows (nothing dropped: today's path).
 */
export async function dropForBulkLoad(tx: Tx): Promise<number | undefined> {
  await restoreAfterBulkLoad(tx);
  if (!(await catalogIsEmpty(tx))) return undefined;
  const dropped = await tx.query<Dropped & { ord: number }>(DROPPABLE_SQL, [[...CATALOG_TABLES]]);
  const entries: Dropped[] = dropped.map(({ kind, name, table, create }) => ({ kind, name, table, create }));
  await tx.query('INSERT INTO gateway_state (key, value) VALUES ($1, $2)', [STATE_KEY, JSON.stringify(entries)]);
  // Foreign keys first (an index could back one in a later migration), then the indexes; names quoted by PostgreSQL.
  for (const entry of [...entries].reverse()) {
    if (entry.kind === 'constraint') {
      const [{ statement } = { statement: '' }] = await tx.query<{ statement: string }>(
        "SELECT format('ALTER TABLE %s DROP CONSTRAINT %I', $1::regclass, $2::text) AS statement",
        [entry.table, entry.name],
      );
      await tx.query(statement);
    } else {
      const [{ statement } = { statement: '' }] = await tx.query<{ statement: string }>("SELECT format('DROP INDEX %s', $1::regclass) AS statement", [entry.name]);
      await tx.query(statement);
    }
  }
  return entries.length;
}
