import type { WorkRecord } from '../types';
import type { StoreName } from '../../src/core/StoreName';

/**
 * One byline entry of an article: an author already in the catalog, one the write creates, or a name of a stored
 * OpenAlex byline that OpenAlex could not attach to an author (kept when an update leaves the byline as it is;
 * editors cannot add one).
 */
export type BylineEntry =
  | { readonly kind: 'existing'; readonly authorId: string }
  | { readonly kind: 'new'; readonly authorId: string; readonly displayName: string; readonly orcid: string | null }
  | { readonly kind: 'unattached'; readonly rawAuthorName: string };

/** Every field of an article an editor sets, validated and normalised (short ids, bare DOI, ISO date). */
export interface ArticleFields {
  readonly title: string;
  readonly abstract: string | null;
  readonly publicationDate: string;
  readonly doi: string | null;
  readonly byline: readonly BylineEntry[];
  readonly referencedWorkIds: readonly string[];
  /** The first one is the primary topic. */
  readonly topicIds: readonly string[];
  readonly isOpenAccess: boolean;
  readonly language: string | null;
}

/** The fields an update changes; absent keys keep their value. */
export type ArticlePatch = Partial<ArticleFields>;

/** Ids whose projections and cached reads a change affects besides the work itself, before and after it. */
export interface TouchedIds {
  readonly authorIds: readonly string[];
  readonly topicIds: readonly string[];
  readonly referencedWorkIds: readonly string[];
  /** Loaded works citing the work, when it is deleted (their count of loaded references drops). */
  readonly citingWorkIds?: readonly string[];
}

export type ArticleOperation = 'create' | 'update' | 'delete';

/** What a committed article write enqueued for the projection stores. */
export interface ArticleChange {
  readonly outboxId: string;
  readonly workId: string;
  readonly operation: ArticleOperation;
  readonly touched: TouchedIds;
  /** Projection stores that still have to apply the change (all configured ones, at commit). */
  readonly pendingStores: readonly StoreName[];
}

/**
 * Writes articles to the source of truth. Each call is one transaction that writes the article and one outbox
 * record for `projectionStores`: both are committed, or neither. Invalid references, a duplicate DOI or a
 * stale version reject the whole write (ArticleRejectedError, NotAnArticleError, ReadOnlyWorkError, VersionConflictError,
 * NotFoundError) and write nothing.
 */
export interface ArticleWriter {
  create(workId: string, fields: ArticleFields, projectionStores: readonly StoreName[]): Promise<{ work: WorkRecord; change: ArticleChange }>;
  /**
   * Applies `patch` if the article is still at `expectedVersion`. A patch that changes nothing the catalog holds (every
   * field given as it already is) writes nothing: no new version, no outbox record; `change` is then undefined and
   * `work` the article as it is.
   */
  update(
    workId: string,
    expectedVersion: number,
    patch: ArticlePatch,
    projectionStores: readonly StoreName[],
  ): Promise<{ work: WorkRecord; change: ArticleChange | undefined }>;
  /** Deletes the article; with `expectedVersion`, only if it is still at that version. */
  delete(workId: string, expectedVersion: number | undefined, projectionStores: readonly StoreName[]): Promise<{ change: ArticleChange }>;
}
