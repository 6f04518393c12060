import { findUnstorableCharacter } from './storableText';

// Characters that show nothing: white space, format characters (zero-width space and joiners, BOM, soft hyphen,
// bidirectional marks, …) and the letters that render blank (Hangul fillers, the Braille blank).
const INVISIBLE = /[\p{White_Space}\p{Cf}\u115F\u1160\u3164\uFFA0\u2800]/u;
const INVISIBLE_ONLY = new RegExp(`^${INVISIBLE.source}*$`, 'u');
const INVISIBLE_EDGES = new RegExp(`^${INVISIBLE.source}+|${INVISIBLE.source}+$`, 'gu');
const CONTROL = /\p{Cc}/u;
// eslint-disable-next-line no-control-regex -- likewise; tab and line breaks are allowed where text has lines.
const CONTROL_BUT_LINES = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/u;

/** Text an editor typed for display (a title, an abstract, a name), read into what may be stored, or why not. */
export type DisplayTextReading = { readonly text: string | null } | { readonly problem: string };

/**
 * Reads display text: invisible characters at either end (blanks, line breaks, zero-width spaces) are dropped, and
 * text that shows nothing (empty, blanks, `\u200b`…) is `null` (absent); a control character left inside (ANSI
 * escapes start with ESC, U+001B) is refused — in `lines` mode (abstracts) tab and line breaks excepted — and so is
 * a character no store can hold (storableText.ts).
 */
export function readDisplayText(value: string, options: { readonly lines?: boolean } = {}): DisplayTextReading {
  const unstorable = findUnstorableCharacter(value);
  if (unstorable) return { problem: unstorable.description.startsWith('a NUL') ? 'cannot contain NUL characters' : `cannot contain ${unstorable.description}` };
  if (INVISIBLE_ONLY.test(value)) return { text: null };
  const text = value.replace(INVISIBLE_EDGES, '');
  const control = (options.lines ? CONTROL_BUT_LINES : CONTROL).exec(text);
  if (control) {
    const code = control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    return { problem: `cannot contain control characters such as U+${code}${code === '001B' ? ' (an ANSI escape)' : ''}` };
  }
  return { text };
}
