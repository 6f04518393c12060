/** Anything that runs SQL and returns rows: a `pg` client on the PostgreSQL database, PGlite for the embedded one. */
export interface SqlReader {
  query<Row extends object>(text: string, params?: readonly (string | number | readonly string[])[]): Promise<Row[]>;
}
