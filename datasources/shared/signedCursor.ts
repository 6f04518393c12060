import { InvalidCursorError } from '../../src/core/errors';
import { parseCursorPayload } from './cursorValues';

/** An opaque search cursor: base64url JSON of the signature it is bound to and the last hit's sort values. */
export function encodeSignedCursor(signature: string, values: readonly unknown[]): string {
  return Buffer.from(JSON.stringify({ s: signature, v: values })).toString('base64url');
}

/** What a backend's reader makes of a cursor's sort values: the typed values, or why they do not fit. */
export type SortValuesReading<T> = { readonly value: T } | { readonly problem: string };

/**
 * Reads a cursor made by `encodeSignedCursor` for the same signature; `fromValues` checks the sort values' types
 * and ranges (cursorValues.ts) and says what is wrong when they do not fit. Anything else is an InvalidCursorError
 * naming the problem.
 */
export function decodeSignedCursor<T>(signature: string, after: string, fromValues: (values: readonly unknown[]) => SortValuesReading<T>): T {
  const notOurs = (reason: string) => new InvalidCursorError(`\`after\` is not a cursor returned by this search: ${reason}`);
  const payload = parseCursorPayload(after);
  if (!payload || typeof payload.s !== 'string' || !Array.isArray(payload.v)) throw notOurs('it is not the base64url JSON this search writes');
  if (payload.s !== signature) throw new InvalidCursorError('`after` was made for a different search query, filter or sort; restart paging without it');
  const reading = fromValues(payload.v);
  if ('problem' in reading) throw notOurs(reading.problem);
  return reading.value;
}
