import type { SqlExecutor, SqlParam } from '../../datasources/postgres/SqlExecutor';

/** One statement as the gateway sent it: the text and the values bound to its placeholders. */
export interface RecordedStatement {
  readonly text: string;
  readonly params: readonly SqlParam[];
}

/**
 * Wraps an executor and records every statement sent through `query` (transactions included) with its parameters,
 * so the very statement can be explained afterwards. Scripts (`exec`: migrations) are not recorded.
 */
export class RecordingSqlExecutor implements SqlExecutor {
  readonly statements: RecordedStatement[] = [];

  constructor(private readonly inner: SqlExecutor) {}

  get backend() {
    return this.inner.backend;
  }

  query<Row extends object>(text: string, params: readonly SqlParam[] = []): Promise<Row[]> {
    this.statements.push({ text, params });
    return this.inner.query<Row>(text, params);
  }

  transaction<T>(fn: (tx: Pick<SqlExecutor, 'query'>) => Promise<T>): Promise<T> {
    return this.inner.transaction((tx) =>
      fn({
        query: <Row extends object>(text: string, params: readonly SqlParam[] = []) => {
          this.statements.push({ text, params });
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
