import type { StoreName } from '../core/StoreName';

/** Why a store has not applied a change yet, as an app may be told: a class, never the store's own words. */
export type SyncErrorClass = 'UNAVAILABLE' | 'REJECTED' | 'CATALOG_UNAVAILABLE' | 'NOT_CONFIGURED';

/**
 * The class of `store`'s failure in an outbox record's `last_error`, which the relay writes as
 * `<store>: <reason>` per failing store, joined by `; ` (PostgresOutbox.settle). The reasons' openings are the relay's
 * own: `<store> is unavailable: …` (StoreUnavailableError: down, overloaded, timed out, breaker open), `reading the
 * catalog failed: …`, `<store> is not configured in this gateway`; anything else the store answered is a refusal.
 * Null when the record names no failure of that store (it has not been tried yet).
 */
export function syncErrorClass(lastError: string | null, store: StoreName): SyncErrorClass | null {
  if (lastError === null) return null;
  const opening = `${store}: `;
  const at = lastError.startsWith(opening) ? 0 : lastError.indexOf(`; ${opening}`);
  if (at < 0) return null;
  const reason = lastError.slice(at === 0 ? opening.length : at + 2 + opening.length);
  if (reason.startsWith(`${store} is unavailable`)) return 'UNAVAILABLE';
  if (reason.startsWith('reading the catalog failed')) return 'CATALOG_UNAVAILABLE';
  if (reason.startsWith(`${store} is not configured`)) return 'NOT_CONFIGURED';
  return 'REJECTED';
}
