import type { Page, PageEdge, PageRequest, WorkSortKey } from './types';
import type { CitationDepth } from '../src/core/domain/citationDepth';

export type CitationDirection = 'CITED_BY' | 'REFERENCES';

/** One edge of a citation walk: `citingId` cites `citedId`; `depth` is the reached work's distance from the start. */
export interface CitationEdgeRecord {
  readonly citingId: string;
  readonly citedId: string;
  readonly depth: number;
}

/** How often two authors share a loaded work. */
export interface CoauthorRecord {
  readonly authorId: string;
  readonly sharedWorks: number;
}

/**
 * The citation graph among loaded works (Neo4j, or PostgreSQL's work_references). Only works loaded in the
 * catalog take part: a reference to a work that is not loaded is neither counted nor returned.
 * Batch methods answer one slot per key, in key order.
 */
export interface CitationGraph {
  readonly backend: 'neo4j' | 'postgresql';
  /** Per work: the number of loaded works citing it. */
  countCitedBy(workIds: readonly string[]): Promise<number[]>;
  /** Per work: the number of its referenced works that are loaded. */
  countReferences(workIds: readonly string[]): Promise<number[]>;
  /** Per work: a page of the ids of loaded works citing it, in `sort` order then id (byte order). */
  citedBy(workIds: readonly string[], request: PageRequest<never, WorkSortKey>): Promise<Page<string>[]>;
  /** Per work: a page of the ids of its loaded referenced works, in the order it cites them. */
  references(workIds: readonly string[], request: PageRequest<never, never>): Promise<Page<string>[]>;
  /**
   * Breadth-first walk from `workId` (CITED_BY: towards citing works; REFERENCES: towards cited works),
   * `depth` 1–3. Every reached work appears once, at its shortest depth, with the
   * edge from its predecessor of smallest id at depth − 1; the start itself is never reached. Ordered by
   * depth, then reached work id (byte order).
   */
  traverse(workId: string, direction: CitationDirection, depth: CitationDepth, request: PageRequest<never, never>): Promise<Page<CitationEdgeRecord>>;
  /**
   * Per author: a page of co-authors on loaded works (the author excluded), most shared works first, then id (byte
   * order), keyset-paged with COAUTHOR_ORDER's cursors; `totalCount` is the number of distinct co-authors.
   */
  coauthors(authorIds: readonly string[], request: PageRequest<never, never>): Promise<Page<CoauthorRecord>[]>;
}

export type CitationPageEdge = PageEdge<CitationEdgeRecord>;
export type CoauthorPageEdge = PageEdge<CoauthorRecord>;
