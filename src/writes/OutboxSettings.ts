/** How the write path delivers outbox records (OUTBOX_* and SYNC_WAIT_MS; README, "Nothing lost: the outbox"). */
export interface OutboxSettings {
  /** Whether this process runs a relay (OUTBOX_RELAY). */
  readonly relay: boolean;
  readonly pollIntervalMs: number;
  readonly maxAttempts: number;
  readonly maxBackoffMs: number;
  /** Upper bound of a mutation's `waitForSync`. */
  readonly syncWaitMs: number;
}
