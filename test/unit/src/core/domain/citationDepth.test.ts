import { isCitationDepth, MAX_CITATION_DEPTH } from '../../../../../src/core/domain/citationDepth';

describe('isCitationDepth', () => {
  it('accepts 1 to 3 and nothing else', () => {
    expect([1, 2, 3].every(isCitationDepth)).toBe(true);
    expect([0, 4, -1, 1.5, 2.5, Number.NaN, Number.POSITIVE_INFINITY].some(isCitationDepth)).toBe(false);
    expect(MAX_CITATION_DEPTH).toBe(3);
  });
});
