/** How the write path delivers outbox records (OUTBOX_* and SYNC_WAIT_MS; README, "Nothing lost: the outbox"). */
export interface OutboxSettings {
  /** Whether this process runs a relay (OUTBOX_RELAY). */
  readonly relay: boolean;
  readonly pollIntervalMs: number;
  readonly maxAttempts: number;
  readonly maxBackoffMs: number;
  /** Upper bound of a mutation's `waitForSync`. */
  readonly syncWaitMs: number;
  /** Most `syncStatus(waitMs:)` calls waiting at once in this process (SYNC_STATUS_MAX_WAITERS); beyond it they answer at once. */
  readonly syncStatusMaxWaiters: number;
}
