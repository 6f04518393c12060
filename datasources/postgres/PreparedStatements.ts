import { LRUCache } from 'lru-cache';

/** A statement text longer than this always runs unnamed (the long texts are rare filter shapes, not hot reads). */
export const PREPARED_TEXT_MAX_CHARS = 8_192;

/** The texts seen once and waiting for a second sighting: bounded in characters, least recently seen dropped first. */
const CANDIDATES_MAX_CHARS = 1 << 20;

/**
 * Which statement texts a pool runs as named prepared statements, so that PostgreSQL parses and analyses each
 * of them once per connection instead of on every execution (about a third of the server's CPU for a short
 * read, measured with `bench:read`). Values stay bound parameters either way; only the text is kept.
 *
 * Bounded whatever the traffic: a text is named on its second sighting (one-off shapes never take a name), at
 * most `capacity` names are ever issued (so a connection holds at most that many prepared statements, and the
 * texts held here are at most `capacity` × 8 KiB), and once they are all issued every other text runs unnamed,
 * as with `capacity` 0 — parsed and planned each time, exactly as without this class.
 */
export class PreparedStatements {
  private readonly names = new Map<string, string>();
  private readonly candidates = new LRUCache<string, true>({ maxSize: CANDIDATES_MAX_CHARS, sizeCalculation: (_v, text) => Math.max(1, text.length) });
  private issued = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 0) throw new RangeError(`prepared statement capacity must be a non-negative integer, not ${capacity}`);
  }

  /** The name `text` runs under, or undefined to run it unnamed. */
  nameFor(text: string): string | undefined {
    const name = this.names.get(text);
    if (name !== undefined || this.issued >= this.capacity || text.length > PREPARED_TEXT_MAX_CHARS) return name;
    if (!this.candidates.has(text)) {
      this.candidates.set(text, true);
      return undefined;
    }
    this.candidates.delete(text);
    this.issued += 1;
    const fresh = `gateway_${this.issued}`;
    this.names.set(text, fresh);
    return fresh;
  }

  /**
   * Stops naming `text`: its prepared form no longer fits the tables (PostgreSQL: "cached plan must not change
   * result type" after a schema change by another process). Its name is never issued again; the text may earn a
   * new one, within the same bound.
   */
  retire(text: string): void {
    this.names.delete(text);
  }
}

/** Whether `err` is PostgreSQL refusing a prepared statement whose result type a schema change altered (0A000). */
export function isStalePreparedStatement(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown } | null;
  return e?.code === '0A000' && typeof e.message === 'string' && e.message.includes('cached plan must not change result type');
}
