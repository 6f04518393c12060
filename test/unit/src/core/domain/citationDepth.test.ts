import { isCitationDepth, isSubgraphDepth, MAX_CITATION_DEPTH, MAX_SUBGRAPH_DEPTH } from '../../../../../src/core/domain/citationDepth';

describe('isCitationDepth', () => {
  it('accepts 1 to 3 and nothing else', () => {
    expect([1, 2, 3].every(isCitationDepth)).toBe(true);
    expect([0, 4, -1, 1.5, 2.5, Number.NaN, Number.POSITIVE_INFINITY].some(isCitationDepth)).toBe(false);
    expect(MAX_CITATION_DEPTH).toBe(3);
  });
});

describe('isSubgraphDepth', () => {
  it('accepts 1 and 2 and nothing else', () => {
    expect([1, 2].every(isSubgraphDepth)).toBe(true);
    expect([0, 3, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY].some(isSubgraphDepth)).toBe(false);
    expect(MAX_SUBGRAPH_DEPTH).toBe(2);
  });
});
