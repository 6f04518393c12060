import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema, parse } from 'graphql';
import { getComplexity } from 'graphql-query-complexity';
import { listSizesOf } from '../../../../../src/http/limits/listSizes';
import { listCostEstimator, type ListCostModel } from '../../../../../src/http/limits/listCostEstimator';
import { projectRoot } from '../../../../../src/core/projectRoot';
import { configuredListCaps } from '../../../../../src/http/limits/configuredListCaps';

const DIRECTIVE = readFileSync(path.join(projectRoot(), 'schema', 'listSize.graphql'), 'utf8');
const PAGE = '@listSize(slicingArguments: ["first"], assumedSize: 25, maxSize: 200, sizedFields: ["edges", "nodes"])';

const schema = buildSchema(`${DIRECTIVE}
  type Query {
    works(first: Int, after: String): WorkConnection! ${PAGE}
    work(id: ID!): Work
    citations(workId: ID!, depth: Int = 1, first: Int): CitationConnection! @listSize(slicingArguments: ["first"], assumedSize: 25, maxSize: 200, sizedFields: ["nodes"])
    outbox(first: Int = 50): Outbox! @listSize(slicingArguments: ["first"], assumedSize: 50, maxSize: 200, sizedFields: ["records"])
    gateway: Gateway!
    syncStatus(token: String!, waitMs: Int = 0): SyncStatus @cost(weight: 100)
    subgraph(workId: ID!, depth: Int = 1, maxNodes: Int = 50): Subgraph @listSize(slicingArguments: ["maxNodes"], assumedSize: 50, maxSize: 100, sizedFields: ["nodes"], pairedFields: ["edges"])
  }
  type Subgraph { capped: Boolean! nodes: [Node!]! edges: [Edge!]! }
  type Node { id: ID! }
  type Edge { citingId: ID! citedId: ID! }
  type Outbox { records: [Work!]! }
  type Gateway { version: String! stores: [Store!]! @listSize(assumedSize: 5) }
  type Store { name: String! }
  type SyncStatus { complete: Boolean! stores: [Store!]! @listSize(assumedSize: 3) }
  type WorkConnection { totalCount: Int! edges: [WorkEdge!]! nodes: [Work!]! }
  type WorkEdge { cursor: String! node: Work! }
  type CitationConnection { nodes: [Work!]! }
  type Trend { points: [Point!]! }
  type Point { period: Int! }
  type Work {
    id: ID!
    title: String
    abstract: String @cost(weight: 10)
    referencedWorkIds: [ID!]!
    authorships(first: Int): [Authorship!]! @listSize(slicingArguments: ["first"], assumedSize: 100, maxSize: 5000)
    topics: [Topic!]! @listSize(assumedSize: 10)
    citedBy(first: Int): WorkConnection! ${PAGE}
    trend(from: Int!, to: Int!): Trend @listSize(rangeArguments: ["from", "to"], maxSize: 200, sizedFields: ["points"])
  }
  type Topic { id: ID! }
  type Authorship { position: Int! author: Author! }
  type Author { id: ID! displayName: String! }
`);

const model: ListCostModel = { listSizes: listSizesOf(schema) };

function cost(query: string, variables: Record<string, unknown> = {}, m: ListCostModel = model): number {
  return getComplexity({ schema, query: parse(query), variables, estimators: [listCostEstimator(m)] });
}

describe('listCostEstimator', () => {
  it('counts objects, not scalars: a page of 200 works costs the connection plus 200 nodes', () => {
    expect(cost('{ works(first: 200) { nodes { id title referencedWorkIds } } }')).toBe(1 + 200 * 1);
    expect(cost('{ gateway { version } }')).toBe(1);
  });

  it('adds the @cost weight of long scalar fields to every object that has them', () => {
    expect(cost('{ works(first: 200) { nodes { id abstract } } }')).toBe(1 + 200 * (1 + 10));
  });

  it('adds the @cost weight of an object field (a status that may wait) besides the object and its selections', () => {
    expect(cost('{ syncStatus(token: "t") { complete } }')).toBe(1 + 100);
    expect(cost('{ syncStatus(token: "t", waitMs: 10000) { complete stores { name } } }')).toBe(1 + 3 * 1 + 100);
    expect(cost('{ a: syncStatus(token: "t") { complete } b: syncStatus(token: "u") { complete } }')).toBe(2 * (1 + 100));
  });

  it('multiplies nested pages: 200 pages of 200 works', () => {
    expect(cost('{ works(first: 200) { nodes { citedBy(first: 200) { nodes { id } } } } }')).toBe(1 + 200 * (1 + (1 + 200 * 1)));
  });

  it('counts edges and nodes of a connection once, sized by the connection field', () => {
    expect(cost('{ works(first: 10) { totalCount edges { cursor node { id } } } }')).toBe(1 + 10 * (1 + 1));
    expect(cost('{ works(first: 10) { edges { node { id } } nodes { id } } }')).toBe(1 + 10 * (2 + 1));
  });

  it('counts a subgraph by its bound squared: its edges are pairs of its nodes', () => {
    expect(cost('{ subgraph(workId: "W1", maxNodes: 10) { capped edges { citingId citedId } } }')).toBe(1 + 10 * 10 * 1);
    expect(cost('{ subgraph(workId: "W1", maxNodes: 10) { nodes { id } edges { citingId } } }')).toBe(1 + 10 * 10 * 2);
    expect(cost('{ subgraph(workId: "W1") { nodes { id } edges { citingId } } }')).toBe(1 + 50 * 50 * 2);
    expect(cost('{ subgraph(workId: "W1", depth: 2, maxNodes: 1000) { edges { citingId } } }')).toBe(2 * (1 + 100 * 100));
  });

  it('applies the assumed size when the slicing argument is absent, and a schema default when there is one', () => {
    expect(cost('{ works { nodes { id } } }')).toBe(1 + 25);
    expect(cost('{ outbox { records { id } } }')).toBe(1 + 50);
  });

  it('reads first from variables, and clamps it to the largest value the field accepts', () => {
    expect(cost('query($n: Int) { works(first: $n) { nodes { id } } }', { n: 7 })).toBe(1 + 7);
    expect(cost('{ works(first: 100000) { nodes { id } } }')).toBe(1 + 200);
    expect(cost('{ works(first: 0) { nodes { id } } }')).toBe(1);
  });

  it('counts a list with a slicing argument by it, and a fixed-size list by its assumed size', () => {
    expect(cost('{ work(id: "W1") { authorships { position author { displayName } } } }')).toBe(1 + 100 * (1 + 1));
    expect(cost('{ work(id: "W1") { authorships(first: 3) { position } } }')).toBe(1 + 3);
    expect(cost('{ work(id: "W1") { topics { id } } }')).toBe(1 + 10);
    expect(cost('{ gateway { stores { name } } }')).toBe(1 + 5);
  });

  it('sizes a trend by its range of years: what its points really are', () => {
    expect(cost('{ work(id: "W1") { trend(from: 2000, to: 2009) { points { period } } } }')).toBe(1 + (1 + 10 * 1));
    expect(cost('{ works(first: 200) { nodes { trend(from: 1800, to: 1999) { points { period } } } } }')).toBe(1 + 200 * (1 + (1 + 200 * 1)));
    // A range past the maximum is refused by the resolver; the estimate counts the maximum.
    expect(cost('{ work(id: "W1") { trend(from: 1000, to: 3000) { points { period } } } }')).toBe(1 + (1 + 200));
  });

  it('multiplies by the depth of a walk', () => {
    expect(cost('{ citations(workId: "W1", depth: 3, first: 10) { nodes { id } } }')).toBe(3 * (1 + 10 * 1));
    expect(cost('{ citations(workId: "W1", first: 10) { nodes { id } } }')).toBe(1 + 10);
  });

  it('counts a walk page no longer than the configured walk cap, whatever `first` asks for', () => {
    const capped = { ...model, configuredCaps: configuredListCaps({ citationWalkMaxNodes: 50 }) };
    expect(cost('{ citations(workId: "W1", depth: 2, first: 200) { nodes { id } } }', {}, capped)).toBe(2 * (1 + 50 * 1));
    expect(cost('{ citations(workId: "W1", depth: 2, first: 10) { nodes { id } } }', {}, capped)).toBe(2 * (1 + 10 * 1));
    // Other fields are not capped by it.
    expect(cost('{ works(first: 200) { nodes { id } } }', {}, capped)).toBe(1 + 200);
  });

  it('uses known list sizes first (introspection)', () => {
    const known = { ...model, knownListSizes: new Map([['Gateway.stores', 3]]) };
    expect(cost('{ gateway { stores { name } } }', {}, known)).toBe(1 + 3);
  });

  it('counts a fragment where it is spread', () => {
    const query = 'query { works(first: 20) { nodes { ...W } } } fragment W on Work { citedBy(first: 5) { nodes { id } } }';
    expect(cost(query)).toBe(1 + 20 * (1 + (1 + 5)));
  });
});
