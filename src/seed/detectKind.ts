import { type OpenAlexKind } from './openAlexInput';

const KIND_BY_LETTER: Readonly<Record<string, OpenAlexKind>> = {
  W: 'work',
  A: 'author',
  I: 'institution',
  S: 'source',
  T: 'topic',
};

const OPENALEX_ID = /^(?:https?:\/\/openalex\.org\/)?([a-z])\d+$/i;

/**
 * The entity kind an OpenAlex id names (`https://openalex.org/W…` → 'work', `A…` author, `I…` institution,
 * `S…` source, `T…` topic), case-insensitive, with or without the `https://openalex.org/` prefix;
 * undefined for anything else (non-strings, other entity letters, malformed ids). Pure.
 */
export function detectKind(id: unknown): OpenAlexKind | undefined {
  if (typeof id !== 'string') return undefined;
  const letter = OPENALEX_ID.exec(id)?.[1];
  return letter === undefined ? undefined : KIND_BY_LETTER[letter.toUpperCase()];
}
