import type { CatalogBatch, CatalogEntities } from './writes/catalogWrite';

/** The kinds of entity the catalog keeps in tables of their own (authors, institutions, sources, topics). */
export type CatalogEntityKind = 'author' | 'institution' | 'source' | 'topic';

/** Every CatalogEntityKind, in the order a rebuild pages through them. */
export const CATALOG_ENTITY_KINDS: readonly CatalogEntityKind[] = ['author', 'institution', 'source', 'topic'];

/**
 * Reads the catalog back as the batches projections apply: the source of truth for the outbox relay (which
 * re-reads an article's current state rather than trusting the change it was told about) and for reindexing.
 */
export interface CatalogSnapshot {
  /** The works with these ids that exist, with their bylines' authors; `missing` lists the ids that do not. */
  batchForWorks(workIds: readonly string[]): Promise<{ batch: CatalogBatch; missing: string[] }>;
  /** Up to `limit` work ids after `after` in the store's own order of ids (its primary key's), for paging through the whole catalog. */
  workIdsAfter(after: string, limit: number): Promise<string[]>;
  /** Ids of works written (created or changed) at or after `since`, by the database's clock. */
  workIdsChangedSince(since: Date): Promise<string[]>;
  /** Which of `workIds` exist now. */
  existingWorkIds(workIds: readonly string[]): Promise<Set<string>>;
  /**
   * Up to `limit` stored rows of `kind` whose id comes after `after` in the table's key order, in that order (the
   * other kinds' lists empty), for paging through a whole entity table: '' starts, the last id answered continues,
   * an empty list ends. Every row, whether or not a work names it.
   */
  entitiesAfter(kind: CatalogEntityKind, after: string, limit: number): Promise<CatalogEntities>;
  /** The database's current time (reindex compares it with `updated_at`, which the database sets). */
  now(): Promise<Date>;
}
