import type { SqlExecutor, SqlParam } from '../../../datasources/postgres/SqlExecutor';

/**
 * Wraps an executor so that a statement fails the way a bug would, not a store outage: while `failWith` answers an
 * error for a statement's text, that statement throws it (a plain Error, which no policy retries and no typed
 * error describes, so the client gets a masked INTERNAL_SERVER_ERROR). Everything else passes through.
 */
export class FailingSqlExecutor implements SqlExecutor {
  failWith: (text: string) => Error | undefined = () => undefined;

  constructor(private readonly inner: SqlExecutor) {}

  get backend() {
    return this.inner.backend;
  }

  query<Row extends object>(text: string, params?: readonly SqlParam[]): Promise<Row[]> {
    const error = this.failWith(text);
    return error ? Promise.reject(error) : this.inner.query<Row>(text, params);
  }

  transaction<T>(fn: (tx: Pick<SqlExecutor, 'query'>) => Promise<T>): Promise<T> {
    return this.inner.transaction((tx) =>
      fn({
        query: <Row extends object>(text: string, params?: readonly SqlParam[]) => {
          const error = this.failWith(text);
          return error ? Promise.reject(error) : tx.query<Row>(text, params);
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
