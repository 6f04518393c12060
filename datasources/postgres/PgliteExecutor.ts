import { mkdirSync } from 'node:fs';
import { PGlite, types } from '@electric-sql/pglite';
import type { SqlExecutor, SqlParam } from './SqlExecutor';

/**
 * `SqlExecutor` over PGlite: real PostgreSQL compiled to WebAssembly, in this process. `dataDir` is a
 * folder (created if missing) or `memory://`. PGlite has one connection; it queues concurrent statements.
 */
export class PgliteExecutor implements SqlExecutor {
  readonly backend = 'pglite' as const;

  private constructor(private readonly db: PGlite) {}

  static async open(dataDir: string): Promise<PgliteExecutor> {
    // PGlite creates only the last folder of the path; a fresh clone has no .data/ yet.
    if (!dataDir.includes('://')) mkdirSync(dataDir, { recursive: true });
    const db = await PGlite.create(dataDir, {
      // Same parsing as the pg pool: int8 as number, dates as 'YYYY-MM-DD'.
      parsers: { [types.INT8]: (v: string) => Number.parseInt(v, 10), [types.DATE]: (v: string) => v },
    });
    return new PgliteExecutor(db);
  }

  async query<Row extends object>(text: string, params: readonly SqlParam[] = []): Promise<Row[]> {
    const result = await this.db.query<Row>(text, params as unknown[]);
    return result.rows;
  }

  async transaction<T>(fn: (tx: Pick<SqlExecutor, 'query'>) => Promise<T>): Promise<T> {
    return this.db.transaction((tx) =>
      fn({
        query: async <Row extends object>(text: string, params: readonly SqlParam[] = []) =>
          (await tx.query<Row>(text, params as unknown[])).rows,
      }),
    );
  }

  async exec(script: string): Promise<void> {
    await this.db.exec(script);
  }

  async close(): Promise<void> {
    await this.db.close();
  }
}
