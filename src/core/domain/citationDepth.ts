/** How far a citation walk goes: 1 (direct citers or references) to 3. */
export type CitationDepth = 1 | 2 | 3;

export const MAX_CITATION_DEPTH = 3;

/** True when `depth` is a depth a walk may take. */
export function isCitationDepth(depth: number): depth is CitationDepth {
  return depth === 1 || depth === 2 || depth === 3;
}

/** How far a citation subgraph reaches: 1 or 2 steps (a third level is too large to draw). */
export type SubgraphDepth = 1 | 2;

export const MAX_SUBGRAPH_DEPTH = 2;

/** True when `depth` is a depth a subgraph may take. */
export function isSubgraphDepth(depth: number): depth is SubgraphDepth {
  return depth === 1 || depth === 2;
}
