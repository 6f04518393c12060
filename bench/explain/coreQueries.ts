import type { CanonicalQuery, CanonicalSubjects } from './CanonicalQuery';

/** What the core reads ask about: the hub, an author, a topic, a search word and its first letters. */
export type CoreSubjects = Pick<CanonicalSubjects, 'hubWorkId' | 'authorId' | 'topicId' | 'searchTerm' | 'prefix'>;

/** A page of works with its total, as a list page sends it. */
export const WORK_LIST = `query($filter: WorkFilter, $sort: [WorkSort!], $after: String) {
  works(filter: $filter, sort: $sort, first: 25, after: $after) { totalCount nodes { id title citedByCount } pageInfo { endCursor } } }`;

/**
 * The reads issue 14 names, each as a client sends it: shared by the EXPLAIN test (canonicalQueries) and the scale
 * benchmark (bench/scale), so both look at the same statements.
 */
export const coreQueries = {
  workById: (s: CoreSubjects): CanonicalQuery => ({
    name: 'work by id',
    query: `query($id: ID!) { work(id: $id) { id title citedByCount authorships { position author { id displayName worksCount } } topics { topic { id displayName } } } }`,
    variables: { id: s.hubWorkId },
  }),
  sorted: (sort: string): CanonicalQuery => ({ name: `works sorted ${sort}`, query: WORK_LIST, variables: { sort: [sort] }, pagedAt: ['works'] }),
  filtered: (name: string, filter: Record<string, unknown>): CanonicalQuery => ({
    name: `works filtered by ${name}`,
    query: WORK_LIST,
    variables: { filter, sort: ['CITED_BY_COUNT_DESC'] },
    pagedAt: ['works'],
  }),
  authorWorks: (s: CoreSubjects): CanonicalQuery => ({
    name: 'author works',
    query: `query($id: ID!, $after: String) { author(id: $id) { id displayName works(first: 25, after: $after) { totalCount nodes { id } pageInfo { endCursor } } } }`,
    variables: { id: s.authorId },
    pagedAt: ['author', 'works'],
  }),
  hubCitedBy: (s: CoreSubjects): CanonicalQuery => ({
    name: 'hub citedBy',
    query: `query($id: ID!, $after: String) { work(id: $id) { citedBy(first: 25, after: $after) { totalCount nodes { id } pageInfo { endCursor } } } }`,
    variables: { id: s.hubWorkId },
    pagedAt: ['work', 'citedBy'],
  }),
  hubCitedByCount: (s: CoreSubjects): CanonicalQuery => ({
    name: 'hub citedBy { totalCount }',
    query: `query($id: ID!) { work(id: $id) { citedBy { totalCount } } }`,
    variables: { id: s.hubWorkId },
  }),
  citations: (s: CoreSubjects, depth: number): CanonicalQuery => ({
    name: `citations depth ${depth}`,
    query: `query($id: ID!, $depth: Int, $after: String) { citations(workId: $id, depth: $depth, first: 25, after: $after) { totalCount nodes { depth citing { id } cited { id } } pageInfo { endCursor } } }`,
    variables: { id: s.hubWorkId, depth },
    pagedAt: ['citations'],
  }),
  searchWithFacets: (s: CoreSubjects): CanonicalQuery => ({
    name: 'search with facets',
    query: `query($q: String!, $after: String) { searchWorks(query: $q, first: 25, after: $after) {
        totalCount nodes { id } pageInfo { endCursor }
        facets { publicationYear { value count } type { value count } isOpenAccess { value count } topic { value label count } } } }`,
    variables: { q: s.searchTerm },
    pagedAt: ['searchWorks'],
  }),
  autocomplete: (s: CoreSubjects): CanonicalQuery => ({
    name: 'autocomplete',
    query: `query($p: String!) { autocompleteWorks(prefix: $p, first: 10) { id title } }`,
    variables: { p: s.prefix },
  }),
  authorTrend: (s: CoreSubjects): CanonicalQuery => ({
    name: 'author trend',
    query: `query($id: ID!) { trends(subject: { authorId: $id }, from: 2000, to: 2024) { points { period works citations } } }`,
    variables: { id: s.authorId },
  }),
  topicTrend: (s: CoreSubjects): CanonicalQuery => ({
    name: 'topic trend',
    query: `query($id: ID!) { trends(subject: { topicId: $id }, from: 2000, to: 2024, interval: FIVE_YEARS) { points { period works citations } } }`,
    variables: { id: s.topicId },
  }),
} as const;
