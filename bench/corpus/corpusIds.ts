/**
 * Ids of generated entities. OpenAlex ids are a letter and up to 10 digits today (W4417063028); generated ones are
 * `9` and the entity's 1-based number in 10 digits (W90000000001, A90000000001), so they never collide with a real
 * id, sort after every real one, and the n-th work of any corpus has the same id (a larger corpus of the same seed
 * overwrites a smaller one when both are loaded).
 */
const DIGITS = 10;

/** The largest entity number an id has room for. */
export const MAX_CORPUS_NUMBER = 10 ** DIGITS - 1;

function corpusId(letter: 'W' | 'A', n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > MAX_CORPUS_NUMBER) throw new RangeError(`corpus ${letter} number out of range: ${n}`);
  return `${letter}9${String(n).padStart(DIGITS, '0')}`;
}

/** The short id of the n-th generated work (n ≥ 1). */
export function corpusWorkId(n: number): string {
  return corpusId('W', n);
}

/** The short id of the n-th generated author (n ≥ 1). */
export function corpusAuthorId(n: number): string {
  return corpusId('A', n);
}

/** The number n of a generated work's short id (`W90000000017` → 17), or undefined for any other id. */
export function corpusWorkNumber(shortId: string): number | undefined {
  const match = /^W9(\d{10})$/.exec(shortId);
  return match ? Number(match[1]) : undefined;
}

/**
 * The DOI a generated work gets when its sample record has one (DOIs are unique in the catalog): under 10.5555,
 * the prefix Crossref keeps for tests, so no generated DOI names a real article.
 */
export function corpusDoi(shortId: string): string {
  return `https://doi.org/10.5555/openalex-corpus.${shortId.toLowerCase()}`;
}

/** The URL form OpenAlex uses in records (`https://openalex.org/W…`). */
export function openAlexUrl(shortId: string): string {
  return `https://openalex.org/${shortId}`;
}
