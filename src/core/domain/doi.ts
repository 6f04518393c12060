/** Longest DOI accepted (the bare form, `10.` to the end): registered DOIs are far shorter; it keeps an index row small. */
export const MAX_DOI_LENGTH = 300;

const DOI = /^(?:https?:\/\/(?:dx\.)?doi\.org\/|doi:)?(10\.\d{4,9}\/\S+)$/i;

// A DOI suffix may be any printable Unicode (DOI Handbook, 2.5.1): letters, marks, digits, punctuation and
// symbols — no spaces, control, format (zero-width…), private-use or unassigned characters.
const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]+$/u;

/** A DOI read from input: the bare lowercase DOI, or why the value is none. */
export type DoiReading = { readonly doi: string } | { readonly problem: string };

/**
 * Reads a DOI in bare, `doi:` or URL form (surrounding blanks ignored): `10.` and a registrant code of 4–9 digits,
 * `/`, then a suffix of printable characters only, at most MAX_DOI_LENGTH characters in all.
 */
export function readDoi(value: string): DoiReading {
  const match = DOI.exec(value.trim());
  const bare = match?.[1];
  if (bare === undefined) return { problem: 'is not a DOI such as 10.1234/abc' };
  if (!PRINTABLE.test(bare)) return { problem: 'holds a character that is not printable (a DOI holds letters, digits, punctuation and symbols only)' };
  if ([...bare].length > MAX_DOI_LENGTH) return { problem: `is longer than ${MAX_DOI_LENGTH} characters` };
  return { doi: bare.toLowerCase() };
}

/** The bare lowercase DOI (`10.1016/j.fuel.2016.11.064`) of a DOI in bare, `doi:` or URL form; `undefined` if not a DOI (see readDoi). */
export function normalizeDoi(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const reading = readDoi(value);
  return 'doi' in reading ? reading.doi : undefined;
}

/** The URL form of a bare DOI, as OpenAlex shows it. */
export function doiUrl(bare: string): string {
  return `https://doi.org/${bare}`;
}
