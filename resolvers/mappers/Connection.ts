import type { CitationEdgeRecord, CoauthorRecord } from '../../datasources/CitationGraph';
import type { AuthorRecord, InstitutionRecord, Page, PageEdge, SourceRecord, TopicRecord, WorkNode } from '../../datasources/types';

/** The edges of one page and whether more follow. */
export interface PageSlice<T> {
  readonly edges: readonly PageEdge<T>[];
  readonly hasNextPage: boolean;
}

/**
 * What a Relay connection field resolves to: the page and the total, each fetched only if the query asks
 * for it (a `citedBy { totalCount }` costs one batched count, no page), and at most once.
 */
export interface Connection<T> {
  page(): Promise<PageSlice<T>>;
  totalCount(): Promise<number>;
}

/** A connection whose page and count are loaded lazily, each memoised. */
export function lazyConnection<T>(loadPage: () => Promise<PageSlice<T>>, count: () => Promise<number>): Connection<T> {
  let page: Promise<PageSlice<T>> | undefined;
  let total: Promise<number> | undefined;
  return {
    page: () => (page ??= loadPage()),
    totalCount: () => (total ??= count()),
  };
}

/** A connection over a page that is already loaded. */
export function connectionFromPage<T>(page: Page<T>): Connection<T> {
  return lazyConnection(async () => page, () => page.totalCount());
}

/** A connection over an eventual page (one datasource call returns the page and its total). */
export function connectionFromPagePromise<T>(pending: Promise<Page<T>>): Connection<T> {
  return lazyConnection(
    () => pending,
    async () => (await pending).totalCount(),
  );
}

export type WorkConnectionSource = Connection<WorkNode>;
export type AuthorConnectionSource = Connection<AuthorRecord>;
/** A citation walk's connection: a bounded walk also says whether it reached its cap. */
export interface CitationConnectionSource extends Connection<CitationEdgeRecord> {
  totalCountCapped(): Promise<boolean>;
}
export type CoauthorConnectionSource = Connection<CoauthorRecord>;
export type TopicConnectionSource = Connection<TopicRecord>;
export type SourceConnectionSource = Connection<SourceRecord>;
export type InstitutionConnectionSource = Connection<InstitutionRecord>;
