import type {
  AuthorFilter,
  AuthorRecord,
  AuthorshipRecord,
  AuthorSortKey,
  EntitySortKey,
  InstitutionFilter,
  InstitutionRecord,
  Page,
  PageRequest,
  RankedRecord,
  SourceFilter,
  SourceRecord,
  TopicFilter,
  TopicRecord,
  WorkFilter,
  WorkOwnerKind,
  WorkRecord,
  WorkSummary,
  WorkSortKey,
  WorkTopicRecord,
} from './types';

/**
 * Reads of the scholarly catalog (the source of truth), shaped for DataLoader: every batch method returns
 * one slot per key, in key order; a missing key is `null` (or an empty list) and never rejects the batch.
 */
export interface CatalogReader {
  getWorksByIds(ids: readonly string[]): Promise<(WorkRecord | null)[]>;
  getAuthorsByIds(ids: readonly string[]): Promise<(AuthorRecord | null)[]>;
  getAuthorshipsByWorkIds(workIds: readonly string[]): Promise<AuthorshipRecord[][]>;
  getWorkTopicsByWorkIds(workIds: readonly string[]): Promise<WorkTopicRecord[][]>;
  getTopicsByIds(ids: readonly string[]): Promise<(TopicRecord | null)[]>;
  getSourcesByIds(ids: readonly string[]): Promise<(SourceRecord | null)[]>;
  getInstitutionsByIds(ids: readonly string[]): Promise<(InstitutionRecord | null)[]>;
  findWorks(request: PageRequest<WorkFilter, WorkSortKey>): Promise<Page<WorkSummary>>;
  findAuthors(request: PageRequest<AuthorFilter, AuthorSortKey>): Promise<Page<AuthorRecord>>;
  /**
   * Up to `size` works the filter admits, chosen by `seed`: the works in the order of the hex MD5 of
   * `<seed>:<id>` (the seed in decimal, e.g. `42:W2741809807`), byte order, ties by id — the same seed and filter
   * always give the same works, in the same order. Reads (hashes) the whole filtered set.
   */
  sampleWorks(size: number, seed: number, filter: WorkFilter | undefined): Promise<WorkRecord[]>;
  /** Works by bare lowercase DOI (`10.1016/…`), aligned with `dois`. */
  getWorksByDois(dois: readonly string[]): Promise<(WorkRecord | null)[]>;
  /** Works by PubMed id (digits, `29456894`), aligned with `pmids`; of several works with one PMID, the smallest id. */
  getWorksByPmids(pmids: readonly string[]): Promise<(WorkRecord | null)[]>;
  /** Authors by bare ORCID (`0000-0002-…`); of several authors with one ORCID, the one with most works, then the smallest id. */
  getAuthorsByOrcids(orcids: readonly string[]): Promise<(AuthorRecord | null)[]>;
  /** Institutions by bare lowercase ROR id (`02ztp3208`); of several, the smallest id. */
  getInstitutionsByRors(rors: readonly string[]): Promise<(InstitutionRecord | null)[]>;
  /** Sources by hyphenated ISSN: its ISSN-L, else any of its ISSNs; of several, an ISSN-L match first, then the smallest id. */
  getSourcesByIssns(issns: readonly string[]): Promise<(SourceRecord | null)[]>;
  findTopics(request: PageRequest<TopicFilter, EntitySortKey>): Promise<Page<TopicRecord>>;
  findSources(request: PageRequest<SourceFilter, EntitySortKey>): Promise<Page<SourceRecord>>;
  findInstitutions(request: PageRequest<InstitutionFilter, EntitySortKey>): Promise<Page<InstitutionRecord>>;
  /** One page of works per owner (see WorkOwnerKind), all owners in one statement; pages aligned with `ids`. */
  findWorksOf(owner: WorkOwnerKind, ids: readonly string[], request: PageRequest<never, WorkSortKey>): Promise<Page<WorkSummary>[]>;
  /** Loaded works per owner, aligned with `ids`. */
  countWorksOf(owner: WorkOwnerKind, ids: readonly string[]): Promise<number[]>;
  /**
   * Per topic, source or institution: the authors of its loaded works (for an institution, those whose own byline
   * entry names it), most such works first, then id; at most `first`.
   */
  topAuthorsOf(owner: Exclude<WorkOwnerKind, 'author'>, ids: readonly string[], first: number): Promise<RankedRecord[][]>;
  /** Per author: the topics of the author's loaded works, most such works first, then id; at most `first`. */
  topTopicsOfAuthors(authorIds: readonly string[], first: number): Promise<RankedRecord[][]>;
}
