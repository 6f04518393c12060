import type { SubgraphEdgeRecord, SubgraphNodeRecord } from '../CitationGraph';

/** Byte order of UTF-8, as PostgreSQL's `COLLATE "C"` compares ids. */
function byteOrder(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

/**
 * The order in which a capped subgraph keeps its works: depth (nearest first), then OpenAlex cited-by count (most
 * first), then id in byte order — total, so the same neighbourhood is always cut the same way. The SQL of
 * PostgresCitationGraph orders by the same three keys.
 */
export function compareSubgraphNodes(a: SubgraphNodeRecord, b: SubgraphNodeRecord): number {
  return a.depth - b.depth || b.citedByCount - a.citedByCount || byteOrder(a.id, b.id);
}

/** The order of a subgraph's edges: citing id, then cited id (byte order). */
export function compareSubgraphEdges(a: SubgraphEdgeRecord, b: SubgraphEdgeRecord): number {
  return byteOrder(a.citingId, b.citingId) || byteOrder(a.citedId, b.citedId);
}
