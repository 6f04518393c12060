import type {
  AuthorFilter,
  AuthorRecord,
  AuthorshipRecord,
  AuthorSortKey,
  InstitutionRecord,
  Page,
  PageRequest,
  SourceRecord,
  TopicRecord,
  WorkFilter,
  WorkRecord,
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
  findWorks(request: PageRequest<WorkFilter, WorkSortKey>): Promise<Page<WorkRecord>>;
  findAuthors(request: PageRequest<AuthorFilter, AuthorSortKey>): Promise<Page<AuthorRecord>>;
  /** One page of works per author, all authors in one statement; pages aligned with `authorIds`. */
  findWorksByAuthors(authorIds: readonly string[], request: PageRequest<never, WorkSortKey>): Promise<Page<WorkRecord>[]>;
  /** Loaded works per author, aligned with `authorIds`. */
  countWorksByAuthors(authorIds: readonly string[]): Promise<number[]>;
}
