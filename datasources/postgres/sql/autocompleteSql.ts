import { assertNever } from '../../../src/core/assertNever';
import type { SuggestionKind } from '../../SearchIndex';
import type { AutocompleteWords } from '../../shared/autocompleteWords';
import type { SqlParams } from './SqlParams';

/**
 * SQL of autocomplete in PostgresSearchIndex. The prefix's words (autocompleteWords: runs of letters, marks and
 * digits) become one tsquery text, every word a quoted lexeme (`autocompleteTsquery`), bound as a parameter and
 * read by `to_tsquery('simple', $n)` — which lowercases each lexeme as the `simple` configuration lowercased the
 * names, and never reads the user's text as operators. Matching goes through GIN indexes: works' `search_vector`
 * (migration 002; weight A = the plain title), the entities' `name_vector` (migration 012).
 */

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** A name as the tie-break orders it: A–Z lowercased (asciiLowercase's twin), in byte order. */
const nameKey = (column: string) => `translate(${column}, '${UPPER}', '${UPPER.toLowerCase()}') COLLATE "C"`;

/** One quoted tsquery lexeme (quotes doubled, backslashes escaped: never tsquery syntax). */
const quoted = (word: string) => `'${word.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;

/**
 * The tsquery text of `words`: every whole word as a lexeme and the last word as a prefix (`:*`), AND-ed, each
 * restricted to `weight` when given (works: `A`, the title's lexemes).
 */
export function autocompleteTsquery(words: AutocompleteWords, weight?: 'A'): string {
  const w = weight ?? '';
  return [...words.whole.map((word) => `${quoted(word)}${w === '' ? '' : `:${w}`}`), `${quoted(words.prefix)}:*${w}`].join(' & ');
}

/** Works whose title matches `words`, most cited first, then title, then id. Columns: id, title. */
export function autocompleteWorksSql(words: AutocompleteWords, first: number, params: SqlParams): string {
  return `SELECT w.id, w.title FROM works w
    WHERE w.search_vector @@ to_tsquery('simple'::regconfig, ${params.add(autocompleteTsquery(words, 'A'), 'text')}) AND w.title IS NOT NULL
    ORDER BY w.cited_by_count DESC, ${nameKey('w.title')}, w.id COLLATE "C"
    LIMIT ${params.add(first, 'integer')}`;
}

/** Where each kind of entity is stored and how popular it is (README, "Autocomplete"). */
function entityTable(kind: SuggestionKind): { readonly table: string; readonly popularity: string } {
  switch (kind) {
    case 'author':
      return { table: 'authors', popularity: 'COALESCE(e.cited_by_count, 0)' };
    case 'topic':
      return { table: 'topics', popularity: '0' };
    case 'institution':
      return { table: 'institutions', popularity: '0' };
    case 'source':
      return { table: 'sources', popularity: '0' };
    default:
      return assertNever(kind);
  }
}

/** Entities of `kind` whose display name matches `words`, by popularity, then name, then id. Columns: id, display_name. */
export function suggestEntitiesSql(kind: SuggestionKind, words: AutocompleteWords, first: number, params: SqlParams): string {
  const { table, popularity } = entityTable(kind);
  const order = popularity === '0' ? '' : `${popularity} DESC, `;
  return `SELECT e.id, e.display_name FROM ${table} e
    WHERE e.name_vector @@ to_tsquery('simple'::regconfig, ${params.add(autocompleteTsquery(words), 'text')})
    ORDER BY ${order}${nameKey('e.display_name')}, e.id COLLATE "C"
    LIMIT ${params.add(first, 'integer')}`;
}
