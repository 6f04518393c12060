import { compareSubgraphEdges, compareSubgraphNodes } from '../../../../datasources/shared/subgraphOrder';

describe('compareSubgraphNodes: the order a capped subgraph keeps its works in', () => {
  it('puts nearer works first, then the more cited, then ids in byte order (not locale order)', () => {
    const nodes = [
      { id: 'W9', depth: 2, citedByCount: 1000 },
      { id: 'W2', depth: 1, citedByCount: 5 },
      { id: 'W10', depth: 1, citedByCount: 7 },
      { id: 'Wb', depth: 1, citedByCount: 7 },
      { id: 'WB', depth: 1, citedByCount: 7 },
      { id: 'W1', depth: 0, citedByCount: 0 },
    ];
    expect([...nodes].sort(compareSubgraphNodes).map((n) => n.id)).toEqual(['W1', 'W10', 'WB', 'Wb', 'W2', 'W9']);
  });
});

describe('compareSubgraphEdges', () => {
  it('orders by citing id, then cited id, in byte order', () => {
    const edges = [
      { citingId: 'W2', citedId: 'W1' },
      { citingId: 'W10', citedId: 'W3' },
      { citingId: 'W10', citedId: 'W20' },
    ];
    expect([...edges].sort(compareSubgraphEdges)).toEqual([
      { citingId: 'W10', citedId: 'W20' },
      { citingId: 'W10', citedId: 'W3' },
      { citingId: 'W2', citedId: 'W1' },
    ]);
  });
});
