import type { SqlExecutor } from './SqlExecutor';

/** A transaction that can also stream rows in with `COPY … FROM STDIN`. */
export interface CopyTransaction extends Pick<SqlExecutor, 'query'> {
  /** Runs `statement` (a `COPY … FROM STDIN`) and streams `lines` (COPY text format, without their newline) into it. */
  copyIn(statement: string, lines: readonly string[]): Promise<void>;
}

/** What the bulk catalog writer needs: transactions with COPY (real PostgreSQL over `pg`; PGlite has no COPY FROM STDIN). */
export interface CopyExecutor {
  /** Runs `fn` in one transaction on one connection, `statementTimeoutMs` bounding each statement in it; rolls back if it throws. */
  copyTransaction<T>(fn: (tx: CopyTransaction) => Promise<T>, statementTimeoutMs: number): Promise<T>;
}
