/**
 * The web-search syntax of `searchWorks(query:)`, read into a small AST that each backend renders with the
 * user's text as values only (ElasticSearchIndex: `searchQueryDsl`; PostgresSearchIndex: `searchQuerySql`).
 *
 * - Words separated by spaces must all occur (AND): `hydrogen storage`.
 * - `"…"` is a phrase: its words in this order, next to each other, in one field (title or abstract). An
 *   unclosed quote runs to the end of the text.
 * - `OR` (any case, as its own word, outside quotes) between two terms makes them alternatives:
 *   `CO2 or hydrogen`. It binds tighter than the implied AND: `a b OR c d` is a AND (b OR c) AND d.
 * - `-` before a word or phrase (at its start) excludes it: `shale -oil`, `-"enhanced oil"`. An excluded term
 *   never joins an alternative: an `OR` next to it is read as a plain AND.
 * - A term with neither a letter nor a digit (`*`, `%_\`, a lone `-`) is dropped: no analyzer makes a word of it.
 *   An `OR` with no term on one side is dropped too.
 */

/** One term: a word (which may still hold several analyzer words, e.g. `oil/water`) or a phrase. */
export interface SearchTerm {
  readonly kind: 'word' | 'phrase';
  /** The term's text as the user wrote it (quotes and the leading `-` removed). */
  readonly text: string;
}

/** AND of clauses, each an OR of terms; none of `exclude` may occur. */
export interface SearchQuery {
  readonly clauses: readonly (readonly SearchTerm[])[];
  readonly exclude: readonly SearchTerm[];
}

/** Most terms a query may hold (a 500-character query holds at most ~250); more are dropped. */
export const MAX_SEARCH_TERMS = 64;

const HAS_WORD = /[\p{L}\p{N}]/u;

type Token = { readonly kind: 'term'; readonly term: SearchTerm; readonly negated: boolean } | { readonly kind: 'or' };

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (/\s/u.test(c)) {
      i++;
      continue;
    }
    let negated = false;
    let start = i;
    if (c === '-' && i + 1 < text.length && !/\s/u.test(text[i + 1] as string)) {
      negated = true;
      start = i + 1;
    }
    if (text[start] === '"') {
      const close = text.indexOf('"', start + 1);
      const end = close === -1 ? text.length : close;
      tokens.push({ kind: 'term', term: { kind: 'phrase', text: text.slice(start + 1, end) }, negated });
      i = close === -1 ? text.length : close + 1;
      continue;
    }
    let end = start;
    while (end < text.length && !/\s/u.test(text[end] as string) && text[end] !== '"') end++;
    const word = text.slice(start, end);
    i = end;
    if (!negated && word.toLowerCase() === 'or') tokens.push({ kind: 'or' });
    else tokens.push({ kind: 'term', term: { kind: 'word', text: word }, negated });
  }
  return tokens;
}

/** Reads user text into a SearchQuery (never throws; see the module comment for the syntax). */
export function parseSearchQuery(text: string): SearchQuery {
  const tokens = tokenize(text.replace(/\0/g, '')).filter((t) => t.kind === 'or' || HAS_WORD.test(t.term.text));
  const clauses: SearchTerm[][] = [];
  const exclude: SearchTerm[] = [];
  let count = 0;
  // Whether the previous token was a positive term followed by OR: the next positive term joins its clause.
  let joinNext = false;
  let lastWasPositive = false;
  for (const token of tokens) {
    if (token.kind === 'or') {
      joinNext = lastWasPositive;
      lastWasPositive = false;
      continue;
    }
    if (count >= MAX_SEARCH_TERMS) break;
    count++;
    if (token.negated) {
      exclude.push(token.term);
      joinNext = false;
      lastWasPositive = false;
      continue;
    }
    const last = clauses.at(-1);
    if (joinNext && last !== undefined) last.push(token.term);
    else clauses.push([token.term]);
    joinNext = false;
    lastWasPositive = true;
  }
  return { clauses, exclude };
}

/** True when the query has terms a document must hold (false: only exclusions, or nothing). */
export function hasPositiveTerms(query: SearchQuery): boolean {
  return query.clauses.length > 0;
}

/**
 * The text the relevance bonus compares titles with: the user's text with quotes as spaces and the leading `-`
 * of exclusions removed — so a pasted title (even one with `or` or quotes in it) still finds its work first.
 */
export function bonusText(text: string): string {
  return text
    .replace(/\0/g, '')
    .replace(/"/g, ' ')
    .replace(/(^|\s)-+/gu, '$1')
    .trim();
}
