import { createHash } from 'node:crypto';
import type { WorkFilter } from '../types';

/** Canonical JSON: object keys sorted, null/undefined members dropped, so equal filters hash equally. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .filter((k) => (value as Record<string, unknown>)[k] != null)
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

/**
 * What a search cursor is bound to: where it was made (backend, index…, and the order), the query text and the filter —
 * hashed, so the cursor does not reveal the query. A cursor is only accepted with the same signature.
 */
export function searchSignature(scope: readonly string[], query: string, filter: WorkFilter | undefined): string {
  return createHash('sha256')
    .update(JSON.stringify([...scope, query, canonical(filter ?? {})]))
    .digest('base64url')
    .slice(0, 22);
}
