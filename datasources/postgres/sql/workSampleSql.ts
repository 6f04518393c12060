import type { WorkFilter } from '../../types';
import type { SqlParams } from './SqlParams';
import { WORK_COLUMNS, workFilterSql } from './workSql';

/**
 * The statement of `CatalogReader.sampleWorks`: the filtered works ordered by `md5(<seed> || ':' || id)` (hex text in
 * byte order, `COLLATE "C"`), then id, the first `size` of them. The seed is a bound integer, printed in decimal by
 * PostgreSQL as by JavaScript. No index holds a hash of an arbitrary seed: the whole filtered set is read and hashed,
 * and the top `size` kept (a bounded top-N sort), so the cost grows with the filter's match count, not with `size`.
 */
export function workSampleSql(size: number, seed: number, filter: WorkFilter | undefined, params: SqlParams): string {
  const where = workFilterSql(filter, params);
  const key = `md5(${params.add(seed, 'integer')}::text || ':' || w.id) COLLATE "C"`;
  return `SELECT ${WORK_COLUMNS} FROM works w WHERE ${where} ORDER BY ${key}, w.id COLLATE "C" LIMIT ${params.add(size, 'integer')}`;
}
