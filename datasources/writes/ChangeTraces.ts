import type { OutboxRecordState } from './Outbox';

/** What is known now of one committed article change, for its sync token's status. */
export interface ChangeTrace {
  /** Its outbox record while it is still there (some store has not applied it); undefined once it is gone. */
  readonly record: (NonNullable<OutboxRecordState> & { readonly workId: string }) | undefined;
  /** Whether this database's outbox ever issued the record's id (false: the token names a record from before a reset). */
  readonly issued: boolean;
  /** The work's version now; null when the work does not exist (deleted). */
  readonly currentVersion: number | null;
}

/** Reads the trace of a change: one statement, no lock, no transaction held. */
export interface ChangeTraces {
  /** `outboxId` null (a change that wrote no record): only the work's version is read. */
  trace(outboxId: string | null, workId: string): Promise<ChangeTrace>;
}
