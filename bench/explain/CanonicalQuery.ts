/** The loaded entities the canonical queries ask about, chosen from the seeded catalog. */
export interface CanonicalSubjects {
  /** The most cited work (by loaded works). */
  readonly hubWorkId: string;
  /** The author named on the most bylines. */
  readonly authorId: string;
  /** The topic of the most works. */
  readonly topicId: string;
  /** A word of the hub's title, for full-text search. */
  readonly searchTerm: string;
  /** The first letters of that word, for autocomplete. */
  readonly prefix: string;
  /** A work type present in the catalog. */
  readonly workType: string;
  /** The hub's DOI (bare), else the DOI of the first work that has one. */
  readonly hubDoi: string;
  /** The language of the most works. */
  readonly language: string;
  /**
   * A selective subject of each kind issue 15 added: the source, the byline institution and country, and the field,
   * subfield and domain of topics, each the one of the most works among those on at most SELECTIVE_SHARE of them.
   */
  readonly sourceId: string;
  readonly institutionId: string;
  readonly countryCode: string;
  readonly topicField: string;
  readonly topicSubfield: string;
  readonly topicDomain: string;
  /** The source's ISSN-L, the institution's ROR and an author's ORCID (a valid one no author has when none has any). */
  readonly sourceIssn: string;
  readonly institutionRor: string;
  readonly orcid: string;
  /** Two-word type-ahead prefixes (a whole word, then the start of the next): the hub's title and the subjects' names. */
  readonly worksPrefix: string;
  readonly authorPrefix: string;
  readonly topicPrefix: string;
  readonly institutionPrefix: string;
  readonly sourcePrefix: string;
}

/**
 * One canonical GraphQL read. With `pagedAt` (the path of a connection in `data`), it is run a second time with
 * `after` set to that connection's `pageInfo.endCursor`, so the statement of a next page is explained too.
 */
export interface CanonicalQuery {
  readonly name: string;
  readonly query: string;
  readonly variables: Readonly<Record<string, unknown>>;
  readonly pagedAt?: readonly string[];
}
