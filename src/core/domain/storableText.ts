/** A character of a string that no store can hold, where it is and what it is. */
export interface UnstorableCharacter {
  /** UTF-16 index in the string. */
  readonly index: number;
  /** `a NUL character (U+0000)` or `an unpaired surrogate (U+D800)`, for error messages. */
  readonly description: string;
}

// With the `u` flag a string is read by code point, so a surrogate pair is one (astral) code point and only an
// unpaired surrogate matches the range.
// eslint-disable-next-line no-control-regex -- NUL is one of the two things this looks for.
const UNSTORABLE = /[\u0000\uD800-\uDFFF]/u;

/**
 * The first character of `text` that a store cannot hold as text, or undefined when there is none:
 * - NUL (U+0000): PostgreSQL text cannot contain it (`invalid byte sequence for encoding "UTF8": 0x00`);
 * - an unpaired UTF-16 surrogate (U+D800–U+DFFF alone, e.g. from the JSON escape `"\ud800"`): it is no Unicode
 *   character, so it has no UTF-8 encoding — `pg` would silently store U+FFFD instead, PGlite refuses it.
 * Every other code point, control and private-use characters included, is storable (whether it is acceptable is
 * the field's rule, not this one's).
 */
export function findUnstorableCharacter(text: string): UnstorableCharacter | undefined {
  const match = UNSTORABLE.exec(text);
  if (!match) return undefined;
  const code = text.charCodeAt(match.index);
  const hex = code.toString(16).toUpperCase().padStart(4, '0');
  return { index: match.index, description: code === 0 ? 'a NUL character (U+0000)' : `an unpaired surrogate (U+${hex})` };
}
