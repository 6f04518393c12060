import type { CanonicalQuery, CanonicalSubjects } from './CanonicalQuery';

/** Every `WorkGroupField` (schema/groupBy.graphql). */
export const GROUP_FIELDS = ['YEAR', 'TYPE', 'OPEN_ACCESS', 'TOPIC', 'FIELD', 'SUBFIELD', 'DOMAIN', 'SOURCE', 'INSTITUTION', 'AUTHOR', 'LANGUAGE', 'COUNTRY'] as const;

const GROUP_BY = `query($q: String, $filter: WorkFilter, $field: WorkGroupField!) {
  searchWorks(query: $q, filter: $filter, first: 1) { totalCount groupBy(field: $field, includeUnknown: true, first: 25) { totalCount groups { key keyDisplayName count } } } }`;

const ENTITY_PAGE = (root: string, extra = '') => `query($id: ID!, $after: String) { ${root}(id: $id) { id displayName
  works(first: 25, after: $after) { totalCount nodes { id title } pageInfo { endCursor } } ${extra} } }`;

const ENTITY_LIST = (root: string) => `query($filter: ${root.charAt(0).toUpperCase()}${root.slice(1, -1)}Filter, $after: String) {
  ${root}(filter: $filter, first: 25, after: $after) { totalCount nodes { id displayName } pageInfo { endCursor } } }`;

const AUTOCOMPLETE = (root: string) => `query($p: String!) { ${root}(prefix: $p, first: 10) { id displayName hint } }`;

/**
 * The WorkFilter fields issue 15 added (resolvers/workFilterFields.ts), each alone on the list, as `canonicalQueries`
 * runs the older ones: two pages in cited-by order.
 */
export function issue15Filters(s: CanonicalSubjects): [string, Record<string, unknown>][] {
  return [
    ['language', { language: [s.language] }],
    ['sourceId', { sourceId: s.sourceId }],
    ['institutionId', { institutionId: s.institutionId }],
    ['countryCode', { countryCode: [s.countryCode] }],
    // Works lacking a DOI: the curation question (93 % of the generated works have one).
    ['hasDoi', { hasDoi: false }],
    // Each of the two partial indexes of migration 014.
    ['hasAbstract', { hasAbstract: true }],
    ['hasAbstract false', { hasAbstract: false }],
    ['cites', { cites: s.hubWorkId }],
    ['citedBy', { citedBy: s.hubWorkId }],
    ['publicationDate', { publicationDate: { gte: '2020-01-01', lte: '2020-06-30' } }],
    ['topicField', { topicField: s.topicField }],
    ['topicSubfield', { topicSubfield: s.topicSubfield }],
    ['topicDomain', { topicDomain: s.topicDomain }],
  ];
}

/**
 * The reads the web app's pages send since issue 15: group-by counts for every field (over every work, over a
 * search, over a filter), samples, multi-word autocomplete of every kind, the entity roots with their works and top
 * authors, an author's top topics, the citation subgraph, related and referenced works, and the lookups by DOI,
 * ORCID, ROR and ISSN.
 */
export function webAppQueries(s: CanonicalSubjects): CanonicalQuery[] {
  const groupVariants: [string, Record<string, unknown>][] = [
    ['all works', {}],
    ['a search', { q: s.searchTerm }],
    ['a filter', { filter: { authorId: s.authorId } }],
  ];
  return [
    ...GROUP_FIELDS.flatMap((field) =>
      groupVariants.map(([over, variables]) => ({ name: `group by ${field} over ${over}`, query: GROUP_BY, variables: { ...variables, field } })),
    ),
    {
      name: 'sample works',
      query: `query($seed: Int) { sampleWorks(size: 25, seed: $seed) { id title } }`,
      variables: { seed: 42 },
    },
    {
      name: 'sample works filtered',
      query: `query($seed: Int, $filter: WorkFilter) { sampleWorks(size: 25, seed: $seed, filter: $filter) { id title } }`,
      variables: { seed: 42, filter: { sourceId: s.sourceId } },
    },
    { name: 'autocomplete, two words', query: `query($p: String!) { autocompleteWorks(prefix: $p, first: 10) { id title } }`, variables: { p: s.worksPrefix } },
    { name: 'autocomplete authors', query: AUTOCOMPLETE('autocompleteAuthors'), variables: { p: s.authorPrefix } },
    { name: 'autocomplete topics', query: AUTOCOMPLETE('autocompleteTopics'), variables: { p: s.topicPrefix } },
    { name: 'autocomplete institutions', query: AUTOCOMPLETE('autocompleteInstitutions'), variables: { p: s.institutionPrefix } },
    { name: 'autocomplete sources', query: AUTOCOMPLETE('autocompleteSources'), variables: { p: s.sourcePrefix } },
    {
      name: 'topic top authors',
      query: `query($id: ID!) { topic(id: $id) { id displayName topAuthors(first: 10) { works author { id displayName } } } }`,
      variables: { id: s.topicId },
    },
    { name: 'topics list', query: ENTITY_LIST('topics'), variables: {}, pagedAt: ['topics'] },
    { name: 'topics filtered by field', query: ENTITY_LIST('topics'), variables: { filter: { field: s.topicField } } },
    {
      name: 'source page',
      query: ENTITY_PAGE('source', 'issnL topAuthors(first: 10) { works author { id } }'),
      variables: { id: s.sourceId },
      pagedAt: ['source', 'works'],
    },
    { name: 'sources list', query: ENTITY_LIST('sources'), variables: {}, pagedAt: ['sources'] },
    {
      name: 'institution page',
      query: ENTITY_PAGE('institution', 'ror countryCode topAuthors(first: 10) { works author { id } }'),
      variables: { id: s.institutionId },
      pagedAt: ['institution', 'works'],
    },
    { name: 'institutions list', query: ENTITY_LIST('institutions'), variables: {}, pagedAt: ['institutions'] },
    { name: 'institutions filtered by country', query: ENTITY_LIST('institutions'), variables: { filter: { countryCode: s.countryCode } } },
    {
      name: 'author top topics',
      query: `query($id: ID!) { author(id: $id) { id topTopics(first: 10) { works topic { id displayName } } } }`,
      variables: { id: s.authorId },
    },
    ...[1, 2].map((depth) => ({
      name: `citation subgraph depth ${depth}`,
      query: `query($id: ID!, $depth: Int) { citationSubgraph(workId: $id, depth: $depth, maxNodes: 50) {
        totalNodes capped nodes { id title citedByCount depth } edges { citingId citedId } } }`,
      variables: { id: s.hubWorkId, depth },
    })),
    {
      name: 'related and referenced works',
      query: `query($id: ID!) { work(id: $id) { relatedWorkIds relatedWorks { id title } unloadedRelatedWorkIds referencedWorkCount
        referencedWorks(first: 100) { id position loaded work { id title } } } }`,
      variables: { id: s.hubWorkId },
    },
    { name: 'work by doi', query: `query($doi: String!) { work(doi: $doi) { id doi title } }`, variables: { doi: s.hubDoi } },
    { name: 'author by orcid', query: `query($orcid: String!) { author(orcid: $orcid) { id displayName } }`, variables: { orcid: s.orcid } },
    { name: 'institution by ror', query: `query($ror: String!) { institution(ror: $ror) { id displayName } }`, variables: { ror: s.institutionRor } },
    { name: 'source by issn', query: `query($issn: String!) { source(issn: $issn) { id displayName } }`, variables: { issn: s.sourceIssn } },
  ];
}
