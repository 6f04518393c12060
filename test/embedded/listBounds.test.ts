import { listSizesOf } from '../../src/http/limits/listSizes';
import { buildSchema } from '../../src/schema';
import { sampleGroundTruth } from '../support/sampleGroundTruth';
import { startTestGateway, type TestGateway } from '../support/testGateway';
import { testToken } from '../support/testTokens';

/**
 * Lists a parent field sizes (a connection's edges and nodes, a trend's points, the outbox's dead letters) are bounded
 * by that field's resolver, not by a wrapper: each parent is asked for its largest bound on the sample, and what comes
 * back never exceeds the bound the cost estimate multiplies by.
 */
describe('lists sized by their parent field stay within its @listSize bound (embedded, the sample)', () => {
  let gateway: TestGateway;
  const truth = sampleGroundTruth();
  const works = [...truth.works.values()];
  const mostCited = [...works].sort((a, b) => works.filter((w) => w.referencedWorkIds.includes(b.id)).length - works.filter((w) => w.referencedWorkIds.includes(a.id)).length)[0]?.id as string;
  const mostReferencing = [...works].sort((a, b) => b.referencedWorkIds.length - a.referencedWorkIds.length)[0]?.id as string;
  const author = [...truth.authors.values()].sort((a, b) => b.worksCount - a.worksCount)[0]?.id as string;
  const title = works.find((w) => (w.title ?? '').split(' ').length >= 3)?.title?.split(' ')[0] as string;

  /** For each parent field: a query asking for its bound, where to read each sized list, and the bound. */
  const cases: Record<string, { query: string; variables?: Record<string, unknown>; lists: (data: never) => unknown[][]; bound: number; admin?: boolean }> = {
    'Query.works': { query: '{ works(first: 200) { edges { cursor } nodes { id } } }', lists: (d: { works: { edges: unknown[]; nodes: unknown[] } }) => [d.works.edges, d.works.nodes], bound: 200 },
    'Query.authors': { query: '{ authors(first: 200) { edges { cursor } nodes { id } } }', lists: (d: { authors: { edges: unknown[]; nodes: unknown[] } }) => [d.authors.edges, d.authors.nodes], bound: 200 },
    'Author.works': {
      query: 'query($a: ID!) { author(id: $a) { works(first: 200) { edges { cursor } nodes { id } } } }',
      variables: { a: author },
      lists: (d: { author: { works: { edges: unknown[]; nodes: unknown[] } } }) => [d.author.works.edges, d.author.works.nodes],
      bound: 200,
    },
    'Work.citedBy': {
      query: 'query($w: ID!) { work(id: $w) { citedBy(first: 200) { edges { cursor } nodes { id } } } }',
      variables: { w: mostCited },
      lists: (d: { work: { citedBy: { edges: unknown[]; nodes: unknown[] } } }) => [d.work.citedBy.edges, d.work.citedBy.nodes],
      bound: 200,
    },
    'Work.references': {
      query: 'query($w: ID!) { work(id: $w) { references(first: 200) { edges { cursor } nodes { id } } } }',
      variables: { w: mostReferencing },
      lists: (d: { work: { references: { edges: unknown[]; nodes: unknown[] } } }) => [d.work.references.edges, d.work.references.nodes],
      bound: 200,
    },
    'Query.citations': {
      query: 'query($w: ID!) { citations(workId: $w, depth: 3, first: 200) { edges { cursor } nodes { depth } } }',
      variables: { w: mostCited },
      lists: (d: { citations: { edges: unknown[]; nodes: unknown[] } }) => [d.citations.edges, d.citations.nodes],
      bound: 200,
    },
    // Its edges (pairs of its nodes, at most maxNodes²) are checked against that bound in test/support/workPageSuite.ts.
    'Query.citationSubgraph': {
      query: 'query($w: ID!) { citationSubgraph(workId: $w, depth: 2, maxNodes: 100) { nodes { id } } }',
      variables: { w: mostCited },
      lists: (d: { citationSubgraph: { nodes: unknown[] } }) => [d.citationSubgraph.nodes],
      bound: 100,
    },
    'Query.searchWorks': {
      query: 'query($q: String!) { searchWorks(query: $q, first: 200) { edges { cursor } nodes { id } } }',
      variables: { q: title },
      lists: (d: { searchWorks: { edges: unknown[]; nodes: unknown[] } }) => [d.searchWorks.edges, d.searchWorks.nodes],
      bound: 200,
    },
    'Query.trends': {
      query: 'query($a: ID!) { trends(subject: { authorId: $a }, from: 1800, to: 1999) { points { period } } }',
      variables: { a: author },
      lists: (d: { trends: { points: unknown[] } }) => [d.trends.points],
      bound: 200,
    },
    'Work.trend': {
      query: 'query($w: ID!) { work(id: $w) { trend(from: 1800, to: 1999) { points { period } } } }',
      variables: { w: mostCited },
      lists: (d: { work: { trend: { points: unknown[] } } }) => [d.work.trend.points],
      bound: 200,
    },
    'Author.trend': {
      query: 'query($a: ID!) { author(id: $a) { trend(from: 1800, to: 1999) { points { period } } } }',
      variables: { a: author },
      lists: (d: { author: { trend: { points: unknown[] } } }) => [d.author.trend.points],
      bound: 200,
    },
    'Query.topics': { query: '{ topics(first: 200) { edges { cursor } nodes { id } } }', lists: (d: { topics: { edges: unknown[]; nodes: unknown[] } }) => [d.topics.edges, d.topics.nodes], bound: 200 },
    'Query.sources': { query: '{ sources(first: 200) { edges { cursor } nodes { id } } }', lists: (d: { sources: { edges: unknown[]; nodes: unknown[] } }) => [d.sources.edges, d.sources.nodes], bound: 200 },
    'Query.institutions': {
      query: '{ institutions(first: 200) { edges { cursor } nodes { id } } }',
      lists: (d: { institutions: { edges: unknown[]; nodes: unknown[] } }) => [d.institutions.edges, d.institutions.nodes],
      bound: 200,
    },
    'Topic.works': {
      query: '{ topics(first: 1) { nodes { works(first: 200) { edges { cursor } nodes { id } } } } }',
      lists: (d: { topics: { nodes: { works: { edges: unknown[]; nodes: unknown[] } }[] } }) => d.topics.nodes.flatMap((t) => [t.works.edges, t.works.nodes]),
      bound: 200,
    },
    'Source.works': {
      query: '{ sources(first: 1) { nodes { works(first: 200) { edges { cursor } nodes { id } } } } }',
      lists: (d: { sources: { nodes: { works: { edges: unknown[]; nodes: unknown[] } }[] } }) => d.sources.nodes.flatMap((s) => [s.works.edges, s.works.nodes]),
      bound: 200,
    },
    'Institution.works': {
      query: '{ institutions(first: 1) { nodes { works(first: 200) { edges { cursor } nodes { id } } } } }',
      lists: (d: { institutions: { nodes: { works: { edges: unknown[]; nodes: unknown[] } }[] } }) => d.institutions.nodes.flatMap((i) => [i.works.edges, i.works.nodes]),
      bound: 200,
    },
    'Topic.trend': {
      query: '{ topics(first: 1) { nodes { trend(from: 1800, to: 1999) { points { period } } } } }',
      lists: (d: { topics: { nodes: { trend: { points: unknown[] } }[] } }) => d.topics.nodes.map((t) => t.trend.points),
      bound: 200,
    },
    'Author.coauthorsConnection': {
      query: 'query($a: ID!) { author(id: $a) { coauthorsConnection(first: 200) { edges { cursor } nodes { sharedWorks } } } }',
      variables: { a: author },
      lists: (d: { author: { coauthorsConnection: { edges: unknown[]; nodes: unknown[] } } }) => [d.author.coauthorsConnection.edges, d.author.coauthorsConnection.nodes],
      bound: 200,
    },
    // 477 authors in the sample and an unknown group asked for: the unknown group counts within first.
    'Query.groupWorks': {
      query: '{ groupWorks(field: AUTHOR, includeUnknown: true, first: 200) { groups { key count } } }',
      lists: (d: { groupWorks: { groups: unknown[] } }) => [d.groupWorks.groups],
      bound: 200,
    },
    'WorkSearchConnection.groupBy': {
      query: '{ searchWorks(first: 1) { groupBy(field: SOURCE, includeUnknown: true, first: 2) { groups { key count } } } }',
      lists: (d: { searchWorks: { groupBy: { groups: unknown[] } } }) => [d.searchWorks.groupBy.groups],
      bound: 2,
    },
    'Query.outbox': { query: '{ outbox(first: 200) { deadLetters { id } } }', lists: (d: { outbox: { deadLetters: unknown[] } }) => [d.outbox.deadLetters], bound: 200, admin: true },
  };

  beforeAll(async () => {
    gateway = await startTestGateway();
  });
  afterAll(() => gateway.stop());

  it('has a case for every field that sizes lists under it', () => {
    const parents = [...listSizesOf(buildSchema()).byField].filter(([, size]) => size.sizedFields.length > 0).map(([key]) => key);
    expect(parents.sort()).toEqual(Object.keys(cases).sort());
  });

  it.each(Object.keys(cases))('%s', async (key) => {
    const c = cases[key];
    if (!c) throw new Error(key);
    const res = await gateway.gql(c.query, c.variables, c.admin ? { token: await testToken('admin') } : {});
    expect(res.errors).toBeUndefined();
    const lists = c.lists(res.data as never);
    for (const list of lists) expect(list.length).toBeLessThanOrEqual(c.bound);
    // The sample is large enough to fill the page or range for these: the bound is reached, not only respected.
    if (['Query.works', 'Query.trends', 'Work.trend', 'Author.trend', 'Topic.trend', 'Query.groupWorks', 'WorkSearchConnection.groupBy'].includes(key)) for (const list of lists) expect(list.length).toBe(c.bound);
  });
});
