/**
 * How autocomplete reads its prefix text, the same for every entity and both stores: the text's words are its
 * runs of Unicode letters, combining marks and digits (anything else separates words), lowercased. Every word but
 * the last must be a whole word of the name (a work's plain title, an entity's display name) as search cuts it; the
 * last must start a word of it. Word order is free: `st hydrogen` suggests what `hydrogen st` does. The words are
 * only ever query values (tsquery lexemes quoted by `autocompleteTsquery`, Elasticsearch `term` / `prefix` values).
 */

/** Most words a prefix may hold (the resolver refuses more with BAD_USER_INPUT). */
export const MAX_AUTOCOMPLETE_WORDS = 10;

/** The words of a prefix: `whole` must each be a word of the name, `prefix` must start one. */
export interface AutocompleteWords {
  readonly whole: readonly string[];
  readonly prefix: string;
}

const WORD = /[\p{L}\p{M}\p{N}]+/gu;

/** The lowercased words of `text` in order (see the module comment); none for punctuation only. */
export function autocompleteWordList(text: string): string[] {
  return [...text.toLowerCase().matchAll(WORD)].map((m) => m[0]);
}

/** The prefix text read as words, or undefined when it holds none (punctuation or blanks only: nothing matches). */
export function autocompleteWords(text: string): AutocompleteWords | undefined {
  const words = autocompleteWordList(text);
  const prefix = words.pop();
  if (prefix === undefined) return undefined;
  // A word given twice is one condition.
  return { whole: [...new Set(words)], prefix };
}
