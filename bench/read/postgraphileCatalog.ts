import { readFileSync } from 'node:fs';
import path from 'node:path';
import { POSTGRAPHILE_DIR } from './paths';
import { type ThrowawayDatabase } from './throwawayDatabase';

/**
 * Adds to the throwaway database the computed columns a PostGraphile user would write for the benchmark's queries
 * (bench/peers/postgraphile/computedColumns.sql: an authorship's institutions, an author's works). The gateway
 * neither reads nor needs them.
 */
export async function addPostGraphileComputedColumns(db: ThrowawayDatabase): Promise<void> {
  await db.query(readFileSync(path.join(POSTGRAPHILE_DIR, 'computedColumns.sql'), 'utf8'));
}
