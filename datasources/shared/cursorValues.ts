import { findUnstorableCharacter } from '../../src/core/domain/storableText';

/**
 * Reading cursors, which clients send back and may forge: every cursor codec (keyset pages in PostgreSQL and
 * Neo4j, both search backends) decodes through these checks, so a value reaches a store only when it has the type
 * and range of its sort key there. Each check answers a problem to report (`undefined` when the value fits).
 */

/** Longest `after` read at all: room for a text key of MAX_TEXT_KEY_LENGTH characters of 3 UTF-8 bytes, in base64. */
export const MAX_CURSOR_LENGTH = 100_000;

/** Longest text sort-key value: twice the longest text the catalog stores (10,000 characters, src/seed/fields.ts), as `lower()` may lengthen it. */
export const MAX_TEXT_KEY_LENGTH = 20_000;

/** Longest work id a search cursor carries (`W` and digits, or `WG` and 32 hex digits, are far shorter). */
export const MAX_ID_KEY_LENGTH = 100;

/** PostgreSQL `integer` (int4), the type of every integer sort key (counts, positions, depths). */
export const INT4_MIN = -2_147_483_648;
export const INT4_MAX = 2_147_483_647;

/** What a cursor holds: the signature it was made for and the sort values of its row. */
export interface CursorPayload {
  readonly s: unknown;
  readonly v: unknown;
}

const BASE64URL = /^[A-Za-z0-9_-]+$/;
const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The payload of a cursor made by this gateway's encoders (base64url of a JSON object), or undefined when `cursor`
 * is not one: empty, longer than MAX_CURSOR_LENGTH, outside the base64url alphabet (Buffer would skip such
 * characters silently), not UTF-8, not JSON, or not an object.
 */
export function parseCursorPayload(cursor: string): CursorPayload | undefined {
  if (cursor.length === 0 || cursor.length > MAX_CURSOR_LENGTH || !BASE64URL.test(cursor)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(UTF8.decode(Buffer.from(cursor, 'base64url')));
  } catch {
    return undefined;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
  return parsed as CursorPayload;
}

/** `value` for a message: JSON, cut at 40 characters (a forged cursor may carry anything). */
export function shown(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/** A PostgreSQL `integer`: a whole number from INT4_MIN to INT4_MAX. */
export function int4Problem(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isInteger(value) && value >= INT4_MIN && value <= INT4_MAX) return undefined;
  return `must be a 32-bit integer (got ${shown(value)})`;
}

/** Text a store can hold (no NUL, no unpaired surrogate), at most `maxLength` UTF-16 units. */
export function textProblem(value: unknown, maxLength = MAX_TEXT_KEY_LENGTH): string | undefined {
  if (typeof value !== 'string') return `must be text (got ${shown(value)})`;
  if (value.length > maxLength) return `is longer than ${maxLength} characters`;
  const bad = findUnstorableCharacter(value);
  return bad === undefined ? undefined : `holds ${bad.description}`;
}

/** A real calendar day `YYYY-MM-DD`, years 0001 to 9999 (what PostgreSQL `date` and ISO strings share). */
export function dateProblem(value: unknown): string | undefined {
  const match = typeof value === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
  if (match) {
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const date = new Date(0);
    // setUTCFullYear, not Date.UTC: Date.UTC reads years 0–99 as 1900–1999.
    date.setUTCFullYear(year, month - 1, day);
    if (year >= 1 && date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day) return undefined;
  }
  return `must be a calendar date YYYY-MM-DD (got ${shown(value)})`;
}

/** A number a 32-bit float (PostgreSQL `real`, an Elasticsearch score) can hold: finite once rounded to float32. */
export function float4Problem(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(Math.fround(value)) && !(value !== 0 && Math.fround(value) === 0)) return undefined;
  return `must be a finite 32-bit float (got ${shown(value)})`;
}

// The decimal literals PostgreSQL's float4in reads without complaint; its output (shortest round-trip) is one.
const DECIMAL = /^[+-]?(?:(\d+)(?:\.(\d*))?|\.(\d+))(?:[eE][+-]?\d{1,4})?$/;

/**
 * A `real` as text that PostgreSQL reads back to the same value (search cursors carry the score as PostgreSQL
 * printed it, so it compares exactly): a decimal literal of at most 40 characters whose value is finite as a
 * float32 and does not underflow to zero (`1e-50` is "out of range for type real"). Not `NaN`, `Infinity`, blanks,
 * hex or binary forms, which JavaScript's Number() would accept and PostgreSQL would not, or would misread.
 */
export function float4TextProblem(value: unknown): string | undefined {
  const problem = `must be a decimal number that fits a 32-bit float (got ${shown(value)})`;
  if (typeof value !== 'string' || value.length > 40) return problem;
  const match = DECIMAL.exec(value);
  if (!match) return problem;
  const number = Number(value);
  const mantissaDigits = `${match[1] ?? ''}${match[2] ?? ''}${match[3] ?? ''}`;
  if (number === 0 && /[1-9]/.test(mantissaDigits)) return problem;
  return float4Problem(number) === undefined ? undefined : problem;
}
