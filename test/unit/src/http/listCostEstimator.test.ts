import { buildSchema, parse } from 'graphql';
import { getComplexity } from 'graphql-query-complexity';
import { listCostEstimator, type ListCostModel } from '../../../../src/http/listCostEstimator';

const schema = buildSchema(`
  type Query {
    works(first: Int, after: String): WorkConnection!
    work(id: ID!): Work
    citations(workId: ID!, depth: Int = 1, first: Int): CitationConnection!
    outbox(first: Int = 50): [Work!]!
    gateway: Gateway!
  }
  type Gateway { version: String! stores: [Store!]! }
  type Store { name: String! }
  type WorkConnection { totalCount: Int! edges: [WorkEdge!]! nodes: [Work!]! }
  type WorkEdge { cursor: String! node: Work! }
  type CitationConnection { nodes: [Work!]! }
  type Work {
    id: ID!
    title: String
    referencedWorkIds: [ID!]!
    authorships: [Authorship!]!
    citedBy(first: Int): WorkConnection!
  }
  type Authorship { position: Int! author: Author! }
  type Author { id: ID! displayName: String! }
`);

const model: ListCostModel = { defaultPageSize: 25, maxPageSize: 200, assumedListSize: 10 };

function cost(query: string, variables: Record<string, unknown> = {}, m: ListCostModel = model): number {
  return getComplexity({ schema, query: parse(query), variables, estimators: [listCostEstimator(m)] });
}

describe('listCostEstimator', () => {
  it('counts objects, not scalars: a page of 200 works costs the connection plus 200 nodes', () => {
    expect(cost('{ works(first: 200) { nodes { id title referencedWorkIds } } }')).toBe(1 + 200 * 1);
    expect(cost('{ gateway { version } }')).toBe(1);
  });

  it('multiplies nested pages: 200 pages of 200 works', () => {
    expect(cost('{ works(first: 200) { nodes { citedBy(first: 200) { nodes { id } } } } }')).toBe(1 + 200 * (1 + (1 + 200 * 1)));
  });

  it('counts edges and nodes of a connection once, sized by the connection field', () => {
    expect(cost('{ works(first: 10) { totalCount edges { cursor node { id } } } }')).toBe(1 + 10 * (1 + 1));
    expect(cost('{ works(first: 10) { edges { node { id } } nodes { id } } }')).toBe(1 + 10 * (2 + 1));
  });

  it('applies the default page size when first is absent, and a schema default when there is one', () => {
    expect(cost('{ works { nodes { id } } }')).toBe(1 + 25);
    expect(cost('{ outbox { id } }')).toBe(50);
  });

  it('reads first from variables, and clamps it to the largest page the resolvers accept', () => {
    expect(cost('query($n: Int) { works(first: $n) { nodes { id } } }', { n: 7 })).toBe(1 + 7);
    expect(cost('{ works(first: 100000) { nodes { id } } }')).toBe(1 + 200);
    expect(cost('{ works(first: 0) { nodes { id } } }')).toBe(1);
  });

  it('assumes a length for lists of objects without first, each item counted with what is under it', () => {
    expect(cost('{ work(id: "W1") { authorships { position author { displayName } } } }')).toBe(1 + 10 * (1 + 1));
    expect(cost('{ work(id: "W1") { authorships { position } } }', {}, { ...model, assumedListSize: 3 })).toBe(1 + 3);
  });

  it('multiplies by the depth of a walk', () => {
    expect(cost('{ citations(workId: "W1", depth: 3, first: 10) { nodes { id } } }')).toBe(3 * (1 + 10 * 1));
    expect(cost('{ citations(workId: "W1", first: 10) { nodes { id } } }')).toBe(1 + 10);
  });

  it('uses known list sizes first', () => {
    const known = { ...model, knownListSizes: new Map([['Gateway.stores', 5]]) };
    expect(cost('{ gateway { stores { name } } }', {}, known)).toBe(1 + 5);
  });

  it('counts a fragment where it is spread', () => {
    const query = 'query { works(first: 20) { nodes { ...W } } } fragment W on Work { citedBy(first: 5) { nodes { id } } }';
    expect(cost(query)).toBe(1 + 20 * (1 + (1 + 5)));
  });
});
