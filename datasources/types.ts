import type { OaStatus } from '../src/core/domain/oaStatus';

/**
 * Records the datasources return and the queries they take. These are the store-neutral shapes that
 * loaders and resolvers see; no GraphQL or driver type appears here.
 */

/** A work's own fields: what the catalog stores for it and what reads return (WorkRecord), writes carry (WorkWrite). */
export interface WorkFields {
  readonly id: string;
  readonly doi: string | null;
  /** OpenAlex `ids.pmid` as digits (`29456894`); null when OpenAlex gives none or for an article. Absent means null. */
  readonly pmid?: string | null;
  /** Plain text: OpenAlex's inline markup stripped and entities decoded at ingest (plainText). */
  readonly title: string | null;
  /**
   * The title as OpenAlex gives it, inline HTML markup and entities included (`CO<sub>2</sub>`); null for a work
   * that did not come from OpenAlex (an article) or was stored before migration 007. Absent means null.
   */
  readonly titleMarkup?: string | null;
  /** Plain text, like the title. */
  readonly abstract: string | null;
  readonly publicationYear: number | null;
  readonly publicationDate: string | null;
  readonly type: string | null;
  readonly language: string | null;
  readonly citedByCount: number;
  readonly isOpenAccess: boolean;
  readonly sourceId: string | null;
  readonly primaryTopicId: string | null;
  readonly referencedWorkIds: readonly string[];
  /** OpenAlex `related_works`: short ids in OpenAlex order, loaded here or not. */
  readonly relatedWorkIds: readonly string[];
  /** OpenAlex `open_access.oa_status`; null when OpenAlex gives none (or one this gateway does not know). */
  readonly oaStatus: OaStatus | null;
  /** The best open-access URL: OpenAlex `open_access.oa_url`, else `best_oa_location`'s PDF or landing page. */
  readonly oaUrl: string | null;
}

export interface WorkRecord extends WorkFields {
  /** Incremented by every write of the work (optimistic concurrency for article mutations). */
  readonly version: number;
}

/** The fields a page of a work list leaves out: the longest of a work, which a list seldom shows. */
export type WorkDetailField = 'abstract' | 'referencedWorkIds' | 'relatedWorkIds';

/**
 * A work as a page of a list reads it (`findWorks`, `findWorksOf`): every field but its abstract and its lists of
 * referenced and related work ids — hundreds of ids, kilobytes of text per work, which the database would read
 * and send for every row of every page. Whoever needs them loads the work by id (through the cache).
 */
export interface WorkSummary extends Omit<WorkRecord, WorkDetailField> {
  readonly summary: true;
}

/** A work as the API resolves it: whole, or the summary a list page read. */
export type WorkNode = WorkRecord | WorkSummary;

export interface AuthorRecord {
  readonly id: string;
  readonly displayName: string;
  readonly orcid: string | null;
  readonly worksCount: number;
  readonly citedByCount: number | null;
  readonly hIndex: number | null;
  readonly institutionIds: readonly string[];
}

/** One byline entry of a work; `authorId` is null for a name OpenAlex could not attach to an author. */
export interface AuthorshipRecord {
  readonly workId: string;
  /** 1-based byline position. */
  readonly position: number;
  readonly authorPosition: string | null;
  readonly authorId: string | null;
  /** The name as the byline prints it (OpenAlex `raw_author_name`, else the author's display name). */
  readonly rawAuthorName: string;
  readonly institutionIds: readonly string[];
}

export interface WorkTopicRecord {
  readonly workId: string;
  readonly topicId: string;
  readonly score: number;
}

export interface TopicRecord {
  readonly id: string;
  readonly displayName: string;
  readonly subfield: string | null;
  readonly field: string | null;
  readonly domain: string | null;
}

export interface SourceRecord {
  readonly id: string;
  readonly displayName: string;
  readonly issnL: string | null;
  /** Every ISSN OpenAlex gives (`issn`), hyphenated with a capital X; may be empty. */
  readonly issns: readonly string[];
  readonly type: string | null;
  readonly hostOrganizationName: string | null;
}

export interface InstitutionRecord {
  readonly id: string;
  readonly displayName: string;
  readonly ror: string | null;
  readonly countryCode: string | null;
  readonly type: string | null;
}

export interface IntRange {
  readonly gte?: number | null | undefined;
  readonly lte?: number | null | undefined;
}

/** An inclusive range of ISO dates (YYYY-MM-DD, already validated). */
export interface DateRange {
  readonly gte?: string | null | undefined;
  readonly lte?: string | null | undefined;
}

/** Conditions on works; set fields must all hold; `and`/`or` compose nested filters. Ids are short ids. */
export interface WorkFilter {
  readonly publicationYear?: IntRange | null | undefined;
  readonly type?: readonly string[] | null | undefined;
  readonly isOpenAccess?: boolean | null | undefined;
  readonly authorId?: string | null | undefined;
  readonly topicId?: string | null | undefined;
  /** Bare lowercase DOI (`10.1016/…`). */
  readonly doi?: string | null | undefined;
  readonly citedByCount?: IntRange | null | undefined;
  /** Lowercase ISO 639-1 codes: any of them. */
  readonly language?: readonly string[] | null | undefined;
  readonly sourceId?: string | null | undefined;
  /** Named by any byline entry. */
  readonly institutionId?: string | null | undefined;
  /** Uppercase ISO 3166-1 alpha-2 codes: any byline entry's institution in any of them. */
  readonly countryCode?: readonly string[] | null | undefined;
  readonly hasDoi?: boolean | null | undefined;
  /** A non-null, non-empty abstract. */
  readonly hasAbstract?: boolean | null | undefined;
  /** Works whose reference list holds this work id (loaded or not). */
  readonly cites?: string | null | undefined;
  /** The loaded works this (loaded) work's reference list holds. */
  readonly citedBy?: string | null | undefined;
  readonly publicationDate?: DateRange | null | undefined;
  /** Exact display names of a field, subfield, domain of any of the work's topics. */
  readonly topicField?: string | null | undefined;
  readonly topicSubfield?: string | null | undefined;
  readonly topicDomain?: string | null | undefined;
  readonly and?: readonly WorkFilter[] | null | undefined;
  readonly or?: readonly WorkFilter[] | null | undefined;
}

export type WorkSortKey =
  | 'CITED_BY_COUNT_DESC'
  | 'CITED_BY_COUNT_ASC'
  | 'PUBLICATION_DATE_DESC'
  | 'PUBLICATION_DATE_ASC'
  | 'TITLE_ASC'
  | 'TITLE_DESC';

/** The orders of a search: relevance (best match first) or one of the work orders; the id breaks ties. */
export type SearchSortKey = 'RELEVANCE' | WorkSortKey;

export interface AuthorFilter {
  readonly nameContains?: string | null | undefined;
  /** Bare ORCID (`0000-0002-…`). */
  readonly orcid?: string | null | undefined;
  readonly institutionId?: string | null | undefined;
  readonly worksCount?: IntRange | null | undefined;
  readonly citedByCount?: IntRange | null | undefined;
}

export type AuthorSortKey =
  | 'CITED_BY_COUNT_DESC'
  | 'CITED_BY_COUNT_ASC'
  | 'WORKS_COUNT_DESC'
  | 'WORKS_COUNT_ASC'
  | 'DISPLAY_NAME_ASC'
  | 'DISPLAY_NAME_DESC';

/**
 * An entity works belong to: an author (named on the byline), a topic (among the work's topics), a source (the
 * work's primary location) or an institution (named by some byline entry).
 */
export type WorkOwnerKind = 'author' | 'topic' | 'source' | 'institution';

/** Order of topic, source and institution lists; every order ends with the id. */
export type EntitySortKey = 'WORKS_COUNT_DESC' | 'DISPLAY_NAME_ASC';

export interface TopicFilter {
  readonly nameContains?: string | null | undefined;
  /** Display names of the topic's subfield, field, domain (case-insensitive, exact). */
  readonly subfield?: string | null | undefined;
  readonly field?: string | null | undefined;
  readonly domain?: string | null | undefined;
}

export interface SourceFilter {
  readonly nameContains?: string | null | undefined;
  /** OpenAlex source type (`journal`, `repository`, …; case-insensitive). */
  readonly type?: string | null | undefined;
}

export interface InstitutionFilter {
  readonly nameContains?: string | null | undefined;
  /** ISO 3166-1 alpha-2 country code (case-insensitive). */
  readonly countryCode?: string | null | undefined;
  /** OpenAlex institution type (`education`, `company`, …; case-insensitive). */
  readonly type?: string | null | undefined;
}

/** An entity (an author, a topic) ranked within another by the loaded works they share. */
export interface RankedRecord {
  readonly id: string;
  /** Loaded works counted for the pair. */
  readonly works: number;
}

/** One page request: `first` is already validated; `after` is an opaque cursor from a previous page. */
export interface PageRequest<TFilter, TSort> {
  readonly filter?: TFilter | undefined;
  readonly sort: readonly TSort[];
  readonly first: number;
  readonly after?: string | undefined;
}

export interface PageEdge<T> {
  readonly cursor: string;
  readonly node: T;
}

/** A page of results; `totalCount` is counted only when asked for. */
export interface Page<T> {
  readonly edges: readonly PageEdge<T>[];
  readonly hasNextPage: boolean;
  totalCount(): Promise<number>;
}

export type WorkPageEdge = PageEdge<WorkNode>;
export type AuthorPageEdge = PageEdge<AuthorRecord>;
export type TopicPageEdge = PageEdge<TopicRecord>;
export type SourcePageEdge = PageEdge<SourceRecord>;
export type InstitutionPageEdge = PageEdge<InstitutionRecord>;
