import { randomBytes } from 'node:crypto';
import type { SeenIds } from '../writes/catalogWrite';
import type { SqlExecutor } from './SqlExecutor';

/**
 * The entity ids a seed run met, in an unlogged table of its own (`seed_seen_ids_<random hex>`, dropped by
 * `close`): the run's memory stays bounded by its batch however large the input. The name is generated here,
 * never taken from input. A run killed before `close` leaves its table behind (`DROP TABLE seed_seen_ids_…`).
 */
export class PostgresSeenIds implements SeenIds {
  private constructor(
    private readonly db: SqlExecutor,
    private readonly table: string,
  ) {}

  static async open(db: SqlExecutor): Promise<PostgresSeenIds> {
    const table = `seed_seen_ids_${randomBytes(6).toString('hex')}`;
    await db.query(`CREATE UNLOGGED TABLE ${table} (kind text NOT NULL, id text NOT NULL, PRIMARY KEY (kind, id))`);
    return new PostgresSeenIds(db, table);
  }

  async add(kind: string, ids: readonly string[]): Promise<number> {
    if (ids.length === 0) return 0;
    const [row] = await this.db.query<{ added: number }>(
      `WITH added AS (INSERT INTO ${this.table} (kind, id) SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING RETURNING 1)
       SELECT count(*)::integer AS added FROM added`,
      [kind, ids],
    );
    return ids.length - (row?.added ?? 0);
  }

  async count(kind: string): Promise<number> {
    const [row] = await this.db.query<{ n: number }>(`SELECT count(*)::integer AS n FROM ${this.table} WHERE kind = $1`, [kind]);
    return row?.n ?? 0;
  }

  async close(): Promise<void> {
    await this.db.query(`DROP TABLE IF EXISTS ${this.table}`);
  }
}
