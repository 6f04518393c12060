/** The OpenAlex entity kinds the seed reader recognises, decided by the letter of an OpenAlex id. */
export type OpenAlexKind = 'work' | 'author' | 'institution' | 'source' | 'topic';

/**
 * Where a record came from: the file as it was reached from the paths given to the reader, and the
 * record's 0-based position in it: the line index for JSON Lines (blank lines count, so line = index + 1),
 * the order of appearance for a JSON document (an author file's `details` first, then each of `works`).
 */
export interface OpenAlexOrigin {
  file: string;
  index: number;
}

/** A raw OpenAlex object (never altered by the reader) with the kind its id names. */
export interface OpenAlexEntity {
  kind: OpenAlexKind;
  record: unknown;
  origin: OpenAlexOrigin;
}

/** Something the reader could not turn into an entity, with a human-readable reason. */
export interface OpenAlexRejection {
  kind: 'rejected';
  origin: OpenAlexOrigin;
  reason: string;
}

/** One item read from OpenAlex files: an entity, or a rejection (discriminated by `kind`). */
export type OpenAlexInput = OpenAlexEntity | OpenAlexRejection;
