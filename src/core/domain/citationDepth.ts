/** How far a citation walk goes: 1 (direct citers or references) to 3. */
export type CitationDepth = 1 | 2 | 3;

export const MAX_CITATION_DEPTH = 3;

/** True when `depth` is a depth a walk may take. */
export function isCitationDepth(depth: number): depth is CitationDepth {
  return depth === 1 || depth === 2 || depth === 3;
}
