/** A value bound to a `$n` placeholder. */
export type SqlParam = string | number | boolean | null | readonly string[] | readonly number[] | Date;

/**
 * What the PostgreSQL datasource needs from a connection: parameterised statements and transactions.
 * Implemented over a `pg` pool (real PostgreSQL) and over PGlite (embedded), so the same SQL runs on both.
 */
export interface SqlExecutor {
  readonly backend: 'postgresql' | 'pglite';
  query<Row extends object>(text: string, params?: readonly SqlParam[]): Promise<Row[]>;
  /** Runs `fn` in one transaction on one connection; rolls back if it throws. */
  transaction<T>(fn: (tx: Pick<SqlExecutor, 'query'>) => Promise<T>): Promise<T>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(script: string): Promise<void>;
  close(): Promise<void>;
}
