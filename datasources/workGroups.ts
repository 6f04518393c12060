/**
 * Group-by counts over works (OpenAlex `group_by`): the values of one field among the works a search and filter
 * match, with how many of those works have each. Store-neutral shapes, answered by the SearchIndex.
 */

/**
 * The fields works are grouped by, each with its key as the filter takes it: the publication year as text, the
 * OpenAlex type, `true`/`false`, short ids (topic, source, institution, author), codes (ISO 639-1 language, ISO 3166
 * country of a byline institution) and the names of the work's topics' field, subfield and domain. A work with
 * several values (topics, authors, institutions, countries, …) counts once in each of its distinct values.
 */
export const WORK_GROUP_FIELDS = [
  'YEAR',
  'TYPE',
  'OPEN_ACCESS',
  'TOPIC',
  'FIELD',
  'SUBFIELD',
  'DOMAIN',
  'SOURCE',
  'INSTITUTION',
  'AUTHOR',
  'LANGUAGE',
  'COUNTRY',
] as const;

export type WorkGroupField = (typeof WORK_GROUP_FIELDS)[number];

/** What to group by and how many groups to return. */
export interface WorkGroupRequest {
  readonly field: WorkGroupField;
  /** Add the group of matching works with no value (key null) when it counts any. */
  readonly includeUnknown: boolean;
  /** Most groups returned (the unknown group included); 0 returns none. */
  readonly first: number;
}

/** One value of the field (null: the works with none) and how many matching works have it. */
export interface WorkGroupRecord {
  readonly key: string | null;
  readonly count: number;
}

export interface WorkGroupsResult {
  /** Every work the search and filter match (with or without a value of the field). */
  readonly totalCount: number;
  /**
   * At most `first` groups, count descending, then key ascending (byte order; years as numbers); the unknown
   * group, when asked for and not empty, takes its place by count, after the keys of the same count.
   */
  readonly groups: readonly WorkGroupRecord[];
}
