import { toMintedId } from './mintedId';

/** OpenAlex entity prefixes: Work, Author, Institution, Source, Topic. */
export type OpenAlexPrefix = 'W' | 'A' | 'I' | 'S' | 'T';

const ID = /^(?:https?:\/\/(?:api\.)?openalex\.org\/(?:[a-z]+\/)?)?([WAIST])(\d{1,19})$/i;

/**
 * The short id (`W2741809807`) of an OpenAlex id given in short or URL form (`https://openalex.org/W…`),
 * case-insensitive; `undefined` when `value` is not such an id (or has another prefix than `prefix`). Ids the
 * gateway minted for articles and authors created through the API (`WG…`, `AG…`, see mintedId.ts) are
 * accepted in their short form.
 */
export function toShortId(value: unknown, prefix?: OpenAlexPrefix): string | undefined {
  if (typeof value !== 'string') return undefined;
  const minted = toMintedId(value);
  if (minted !== undefined) return prefix === undefined || minted.startsWith(prefix) ? minted : undefined;
  const match = ID.exec(value.trim());
  if (!match) return undefined;
  const short = `${(match[1] as string).toUpperCase()}${match[2] as string}`;
  return prefix === undefined || short.startsWith(prefix) ? short : undefined;
}

/** The URL form OpenAlex uses for an id. */
export function toOpenAlexUrl(shortId: string): string {
  return `https://openalex.org/${shortId}`;
}
