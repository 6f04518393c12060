import type { CanonicalQuery, CanonicalSubjects } from './CanonicalQuery';
import { issue15Filters, webAppQueries } from './webAppQueries';

export type { CanonicalQuery, CanonicalSubjects } from './CanonicalQuery';

const WORK_SORTS = ['CITED_BY_COUNT_DESC', 'CITED_BY_COUNT_ASC', 'PUBLICATION_DATE_DESC', 'PUBLICATION_DATE_ASC', 'TITLE_ASC', 'TITLE_DESC'] as const;

const LIST = `query($filter: WorkFilter, $sort: [WorkSort!], $after: String) {
  works(filter: $filter, sort: $sort, first: 25, after: $after) { totalCount nodes { id title citedByCount } pageInfo { endCursor } } }`;

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
    {
      name: 'work by id',
      query: `query($id: ID!) { work(id: $id) { id title citedByCount authorships { position author { id displayName worksCount } } topics { topic { id displayName } } } }`,
      variables: { id: s.hubWorkId },
    },
    ...WORK_SORTS.map((sort) => ({ name: `works sorted ${sort}`, query: LIST, variables: { sort: [sort] }, pagedAt: ['works'] })),
    ...filters.map(([name, filter]) => ({ name: `works filtered by ${name}`, query: LIST, variables: { filter, sort: ['CITED_BY_COUNT_DESC'] }, pagedAt: ['works'] })),
    // A DOI names one work at most: there is no second page.
    { name: 'works filtered by doi', query: LIST, variables: { filter: { doi: '10.5555/none' } } },
    {
      name: 'author works',
      query: `query($id: ID!, $after: String) { author(id: $id) { id displayName works(first: 25, after: $after) { totalCount nodes { id } pageInfo { endCursor } } } }`,
      variables: { id: s.authorId },
      pagedAt: ['author', 'works'],
    },
    {
      name: 'topic works',
      query: `query($id: ID!, $after: String) { topic(id: $id) { id works(first: 25, after: $after) { totalCount nodes { id } pageInfo { endCursor } } } }`,
      variables: { id: s.topicId },
      pagedAt: ['topic', 'works'],
    },
    {
      name: 'hub citedBy',
      query: `query($id: ID!, $after: String) { work(id: $id) { citedBy(first: 25, after: $after) { totalCount nodes { id } pageInfo { endCursor } } } }`,
      variables: { id: s.hubWorkId },
      pagedAt: ['work', 'citedBy'],
    },
    {
      name: 'hub references',
      query: `query($id: ID!) { work(id: $id) { references(first: 25) { totalCount nodes { id } } referencedWorks(first: 50) { id loaded } } }`,
      variables: { id: s.hubWorkId },
    },
    ...[1, 2, 3].map((depth) => ({
      name: `citations depth ${depth}`,
      query: `query($id: ID!, $depth: Int, $after: String) { citations(workId: $id, depth: $depth, first: 25, after: $after) { totalCount nodes { depth citing { id } cited { id } } pageInfo { endCursor } } }`,
      variables: { id: s.hubWorkId, depth },
      pagedAt: ['citations'],
    })),
    {
      name: 'citations depth 2, references',
      query: `query($id: ID!) { citations(workId: $id, direction: REFERENCES, depth: 2, first: 25) { totalCount nodes { depth citing { id } } } }`,
      variables: { id: s.hubWorkId },
    },
    {
      name: 'search with facets',
      query: `query($q: String!, $after: String) { searchWorks(query: $q, first: 25, after: $after) {
        totalCount nodes { id } pageInfo { endCursor }
        facets { publicationYear { value count } type { value count } isOpenAccess { value count } topic { value label count } } } }`,
      variables: { q: s.searchTerm },
      pagedAt: ['searchWorks'],
    },
    {
      name: 'search with a filter',
      query: `query($q: String!, $filter: WorkFilter) { searchWorks(query: $q, filter: $filter, first: 25) { totalCount nodes { id } facets { topic { value count } } } }`,
      variables: { q: s.searchTerm, filter: { publicationYear: { gte: 2012 }, topicId: s.topicId } },
    },
    {
      name: 'autocomplete',
      query: `query($p: String!) { autocompleteWorks(prefix: $p, first: 10) { id title } }`,
      variables: { p: s.prefix },
    },
    {
      name: 'author trend',
      query: `query($id: ID!) { trends(subject: { authorId: $id }, from: 2000, to: 2024) { points { period works citations } } }`,
      variables: { id: s.authorId },
    },
    {
      name: 'topic trend',
      query: `query($id: ID!) { trends(subject: { topicId: $id }, from: 2000, to: 2024, interval: FIVE_YEARS) { points { period works citations } } }`,
      variables: { id: s.topicId },
    },
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
