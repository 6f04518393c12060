import type { CanonicalQuery, CanonicalSubjects } from './CanonicalQuery';
import { coreQueries, WORK_LIST } from './coreQueries';
import { issue15Filters, webAppQueries } from './webAppQueries';

export type { CanonicalQuery, CanonicalSubjects } from './CanonicalQuery';

const WORK_SORTS = ['CITED_BY_COUNT_DESC', 'CITED_BY_COUNT_ASC', 'PUBLICATION_DATE_DESC', 'PUBLICATION_DATE_ASC', 'TITLE_ASC', 'TITLE_DESC'] as const;

/**
 * The reads issue 14 names (work by id, filtered and sorted lists, author works, a hub's citedBy, citations depth
 * 1–3, search with facets, autocomplete, trends, co-authors), each as a client would send it, and those issue 15 added
 * (webAppQueries.ts; its filter fields run here beside the older ones).
 */
export function canonicalQueries(s: CanonicalSubjects): CanonicalQuery[] {
  const filters: [string, Record<string, unknown>][] = [
    ['publicationYear', { publicationYear: { gte: 2015, lte: 2018 } }],
    ['type', { type: [s.workType] }],
    ['isOpenAccess', { isOpenAccess: true }],
    ['authorId', { authorId: s.authorId }],
    ['topicId', { topicId: s.topicId }],
    ['citedByCount', { citedByCount: { gte: 50 } }],
    ...issue15Filters(s),
    ['and/or', { and: [{ publicationYear: { gte: 2010 } }, { or: [{ topicId: s.topicId }, { authorId: s.authorId }] }] }],
  ];
  return [
    coreQueries.workById(s),
    ...WORK_SORTS.map(coreQueries.sorted),
    ...filters.map(([name, filter]) => coreQueries.filtered(name, filter)),
    // A DOI names one work at most: there is no second page.
    { name: 'works filtered by doi', query: WORK_LIST, variables: { filter: { doi: '10.5555/none' } } },
    coreQueries.authorWorks(s),
    {
      name: 'topic works',
      query: `query($id: ID!, $after: String) { topic(id: $id) { id works(first: 25, after: $after) { totalCount nodes { id } pageInfo { endCursor } } } }`,
      variables: { id: s.topicId },
      pagedAt: ['topic', 'works'],
    },
    coreQueries.hubCitedBy(s),
    {
      name: 'hub references',
      query: `query($id: ID!) { work(id: $id) { references(first: 25) { totalCount nodes { id } } referencedWorks(first: 50) { id loaded } } }`,
      variables: { id: s.hubWorkId },
    },
    ...[1, 2, 3].map((depth) => coreQueries.citations(s, depth)),
    {
      name: 'citations depth 2, references',
      query: `query($id: ID!) { citations(workId: $id, direction: REFERENCES, depth: 2, first: 25) { totalCount nodes { depth citing { id } } } }`,
      variables: { id: s.hubWorkId },
    },
    coreQueries.searchWithFacets(s),
    {
      name: 'search with a filter',
      query: `query($q: String!, $filter: WorkFilter) { searchWorks(query: $q, filter: $filter, first: 25) { totalCount nodes { id } facets { topic { value count } } } }`,
      variables: { q: s.searchTerm, filter: { publicationYear: { gte: 2012 }, topicId: s.topicId } },
    },
    coreQueries.autocomplete(s),
    coreQueries.authorTrend(s),
    coreQueries.topicTrend(s),
    {
      name: 'work trend',
      query: `query($id: ID!) { work(id: $id) { trend(from: 2000, to: 2024) { points { period works citations } } } }`,
      variables: { id: s.hubWorkId },
    },
    {
      name: 'co-authors',
      query: `query($id: ID!, $after: String) { author(id: $id) { coauthors(first: 25) { sharedWorks author { id } }
        coauthorsConnection(first: 25, after: $after) { totalCount nodes { sharedWorks } pageInfo { endCursor } } } }`,
      variables: { id: s.authorId },
      pagedAt: ['author', 'coauthorsConnection'],
    },
    ...webAppQueries(s),
  ];
}
