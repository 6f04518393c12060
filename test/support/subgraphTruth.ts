import { breadthFirstDepths } from './breadthFirstDepths';
import { byteOrder, type TruthWork } from './sampleGroundTruth';

export type TruthSubgraphDirection = 'CITED_BY' | 'REFERENCES' | 'BOTH';

export interface TruthSubgraphNode {
  id: string;
  depth: number;
  citedByCount: number;
}

/**
 * A citation subgraph's expected answer from the sample JSON alone (a textbook BFS over `referenced_works` among
 * loaded works), never from the gateway's code.
 */
export function subgraphTruth(works: ReadonlyMap<string, TruthWork>) {
  const citersOf = new Map<string, string[]>();
  for (const w of works.values()) {
    for (const ref of new Set(w.referencedWorkIds)) if (works.has(ref)) citersOf.set(ref, [...(citersOf.get(ref) ?? []), w.id]);
  }
  const references = (id: string) => [...new Set(works.get(id)?.referencedWorkIds ?? [])].filter((ref) => works.has(ref));
  const neighbours = (id: string, direction: TruthSubgraphDirection): string[] => {
    const citing = citersOf.get(id) ?? [];
    if (direction === 'CITED_BY') return citing;
    if (direction === 'REFERENCES') return references(id);
    return [...new Set([...citing, ...references(id)])];
  };

  /** The whole neighbourhood, the start at depth 0, in the cap's order: depth, cited-by count (most first), id. */
  const neighbourhood = (start: string, direction: TruthSubgraphDirection, maxDepth: number): TruthSubgraphNode[] => {
    if (!works.has(start)) return [];
    const depthOf = breadthFirstDepths(start, (id) => neighbours(id, direction), maxDepth);
    return [...depthOf.entries()]
      .map(([id, depth]) => ({ id, depth, citedByCount: (works.get(id) as TruthWork).citedByCount }))
      .sort((a, b) => a.depth - b.depth || b.citedByCount - a.citedByCount || byteOrder(a.id, b.id));
  };

  /** Every (citing, cited) pair among `ids` per the JSON's referenced_works, each once, citing then cited id in byte order. */
  const citationsAmong = (ids: readonly string[]): { citingId: string; citedId: string }[] => {
    const kept = new Set(ids);
    const pairs: { citingId: string; citedId: string }[] = [];
    for (const citingId of ids) for (const citedId of new Set(works.get(citingId)?.referencedWorkIds ?? [])) if (kept.has(citedId)) pairs.push({ citingId, citedId });
    return pairs.sort((x, y) => byteOrder(x.citingId, y.citingId) || byteOrder(x.citedId, y.citedId));
  };

  return { neighbourhood, citationsAmong };
}
