import type { Page, PageEdge, PageRequest, WorkSortKey } from './types';
import type { CitationDepth, SubgraphDepth } from '../src/core/domain/citationDepth';

export type CitationDirection = 'CITED_BY' | 'REFERENCES';

/** Which way a subgraph grows from its work: towards citing works, cited works, or both (either edge direction). */
export type SubgraphDirection = CitationDirection | 'BOTH';

/** A work of a citation subgraph: `depth` is its shortest distance from the start (0 for the start itself). */
export interface SubgraphNodeRecord {
  readonly id: string;
  readonly depth: number;
  /** OpenAlex `cited_by_count`, the second key of the cap's order. */
  readonly citedByCount: number;
}

/** A citation between two works of a subgraph: `citingId` cites `citedId`. */
export interface SubgraphEdgeRecord {
  readonly citingId: string;
  readonly citedId: string;
}

/**
 * A work's citation neighbourhood with every citation among its works. `nodes` are in the cap's order (depth,
 * then cited-by count, most first, then id in byte order) — the first `maxNodes` of the whole neighbourhood;
 * `edges` are in citing id then cited id order (byte order), each once.
 */
export interface SubgraphRecord {
  readonly nodes: readonly SubgraphNodeRecord[];
  readonly edges: readonly SubgraphEdgeRecord[];
  /** Works in the whole neighbourhood (the start included), before the cap. */
  readonly totalNodes: number;
}

/** One edge of a citation walk: `citingId` cites `citedId`; `depth` is the reached work's distance from the start. */
export interface CitationEdgeRecord {
  readonly citingId: string;
  readonly citedId: string;
  readonly depth: number;
}

/**
 * A page of a bounded citation walk. The walk visits at most `maxNodes` works: the first in the order depth, then
 * id (byte order) — so whole levels, and the smallest ids of the level where it stops. `totalCount` is the number of
 * works visited (exact when not capped); `totalCountCapped` is true when more works were reachable.
 */
export interface WalkPage extends Page<CitationEdgeRecord> {
  totalCountCapped(): Promise<boolean>;
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
   * depth, then reached work id (byte order). The walk stops at `maxNodes` (≥ 1) works, the first in that order
   * (WalkPage); a level is only expanded when every earlier one was kept whole, so predecessors stay exact.
   */
  traverse(workId: string, direction: CitationDirection, depth: CitationDepth, request: PageRequest<never, never>, maxNodes: number): Promise<WalkPage>;
  /**
   * The neighbourhood of `workId` up to `depth` (1–2) steps in `direction` among loaded works — the start at depth
   * 0, every reached work at its shortest depth — cut to the first `maxNodes` (≥ 1) in the order depth, OpenAlex
   * cited-by count (most first), id (byte order), with every citation between the kept works in either direction
   * (not only the edges the walk followed). An unknown or not-loaded work has an empty subgraph.
   */
  subgraph(workId: string, direction: SubgraphDirection, depth: SubgraphDepth, maxNodes: number): Promise<SubgraphRecord>;
  /**
   * Per author: a page of co-authors on loaded works (the author excluded), most shared works first, then id (byte
   * order), keyset-paged with COAUTHOR_ORDER's cursors; `totalCount` is the number of distinct co-authors.
   */
  coauthors(authorIds: readonly string[], request: PageRequest<never, never>): Promise<Page<CoauthorRecord>[]>;
}

export type CitationPageEdge = PageEdge<CitationEdgeRecord>;
export type CoauthorPageEdge = PageEdge<CoauthorRecord>;
