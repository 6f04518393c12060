import { BadUserInputError } from '../../src/errors';

/** An opaque search cursor: base64url JSON of the signature it is bound to and the last hit's sort values. */
export function encodeSignedCursor(signature: string, values: readonly unknown[]): string {
  return Buffer.from(JSON.stringify({ s: signature, v: values })).toString('base64url');
}

/**
 * Reads a cursor made by `encodeSignedCursor` for the same signature; `fromValues` checks the sort values'
 * types (undefined when they do not fit). Anything else is a BAD_USER_INPUT on `after`.
 */
export function decodeSignedCursor<T>(signature: string, after: string, fromValues: (values: readonly unknown[]) => T | undefined): T {
  const notOurs = () => new BadUserInputError('`after` is not a cursor returned by this search', 'after');
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(after, 'base64url').toString('utf8'));
  } catch {
    throw notOurs();
  }
  const { s, v } = (parsed ?? {}) as { s?: unknown; v?: unknown };
  if (typeof s !== 'string' || !Array.isArray(v)) throw notOurs();
  if (s !== signature) throw new BadUserInputError('`after` was made for a different search query or filter; restart paging without it', 'after');
  const value = fromValues(v);
  if (value === undefined) throw notOurs();
  return value;
}
