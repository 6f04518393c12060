import pg from 'pg';
import type { SqlExecutor, SqlParam } from './SqlExecutor';

// int8 (COUNT(*)) as a JS number: counts here are far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number.parseInt(v, 10));
// Dates stay 'YYYY-MM-DD' strings, as OpenAlex gives them; no time-zone shifts.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);

/** `SqlExecutor` over a `pg` connection pool to a real PostgreSQL server. */
export class PgPoolExecutor implements SqlExecutor {
  readonly backend = 'postgresql' as const;
  private readonly pool: pg.Pool;

  constructor(connectionString: string, options: { max?: number; statementTimeoutMs?: number } = {}) {
    this.pool = new pg.Pool({
      connectionString,
      max: options.max ?? 10,
      connectionTimeoutMillis: 3_000,
      idleTimeoutMillis: 30_000,
      // Server-side cap, so a statement abandoned by the client-side timeout does not run on.
      statement_timeout: options.statementTimeoutMs ?? 10_000,
    });
    // An idle client losing its connection emits 'error' on the pool; without a listener it would crash.
    this.pool.on('error', () => undefined);
  }

  async query<Row extends object>(text: string, params: readonly SqlParam[] = []): Promise<Row[]> {
    const result = await this.pool.query<Row>(text, params as unknown[]);
    return result.rows;
  }

  async transaction<T>(fn: (tx: Pick<SqlExecutor, 'query'>) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const value = await fn({
        query: async <Row extends object>(text: string, params: readonly SqlParam[] = []) =>
          (await client.query<Row>(text, params as unknown[])).rows,
      });
      await client.query('COMMIT');
      return value;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  async exec(script: string): Promise<void> {
    await this.pool.query(script);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
