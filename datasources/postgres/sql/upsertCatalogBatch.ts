import type { CatalogBatch } from '../../writes/catalogWrite';
import type { SqlExecutor } from '../SqlExecutor';
import { catalogRows, deleteChildren, insertChildren, mergeEntities, type RowSource } from './catalogMergeSql';

/** Rows travel as one JSON parameter per table, so a batch of any size is a fixed number of statements. */
const jsonParameter = (rows: ReturnType<typeof catalogRows>): RowSource => (table, columns) => ({
  from: `jsonb_to_recordset($1::jsonb) AS x(${columns})`,
  params: [JSON.stringify(rows[table])],
});

/**
 * Upserts a catalog batch with `tx` (the caller owns the transaction), each table's rows as one JSON parameter
 * (see catalogMergeSql for what is written). Works on PostgreSQL and PGlite alike.
 */
export async function upsertCatalogBatch(tx: Pick<SqlExecutor, 'query'>, batch: CatalogBatch): Promise<void> {
  const rows = catalogRows(batch);
  await mergeEntities(tx, rows, jsonParameter(rows));
  await deleteChildren(tx, rows);
  await insertChildren(tx, rows, jsonParameter(rows));
}
