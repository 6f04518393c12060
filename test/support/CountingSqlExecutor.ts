import type { SqlExecutor, SqlParam } from '../../datasources/postgres/SqlExecutor';

/** Wraps an executor and records every statement sent through `query` (transactions included). */
export class CountingSqlExecutor implements SqlExecutor {
  readonly statements: string[] = [];

  constructor(private readonly inner: SqlExecutor) {}

  get backend() {
    return this.inner.backend;
  }

  query<Row extends object>(text: string, params?: readonly SqlParam[]): Promise<Row[]> {
    this.statements.push(text);
    return this.inner.query<Row>(text, params);
  }

  transaction<T>(fn: (tx: Pick<SqlExecutor, 'query'>) => Promise<T>): Promise<T> {
    return this.inner.transaction((tx) =>
      fn({
        query: <Row extends object>(text: string, params?: readonly SqlParam[]) => {
          this.statements.push(text);
          return tx.query<Row>(text, params);
        },
      }),
    );
  }

  exec(script: string): Promise<void> {
    return this.inner.exec(script);
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
