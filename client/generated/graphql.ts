/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** What a mutation did to its article (the change a sync token names). */
export type ArticleOperation =
  | 'CREATE'
  | 'DELETE'
  | 'UPDATE';

export type CreateArticleInput = {
  /** At most 20,000 characters; no control characters but tabs and line breaks. */
  abstract?: string | null | undefined;
  /** Existing authors, in byline order (short or URL ids). */
  authorIds?: Array<string> | null | undefined;
  /** A DOI in bare (`10.1234/abc`), `doi:` or URL form, of printable characters, at most 300 in all; unique among works. */
  doi?: string | null | undefined;
  isOpenAccess?: boolean | null | undefined;
  /** An ISO 639-1 code, e.g. `en`. */
  language?: string | null | undefined;
  /** Authors to create, placed on the byline after `authorIds`. At least one author in all, at most 100. */
  newAuthors?: Array<NewAuthorInput> | null | undefined;
  /** ISO date `YYYY-MM-DD`, a real calendar day, year 1500 to next year. */
  publicationDate: string;
  /** Existing works this article cites (at most 2,000). */
  referencedWorkIds?: Array<string> | null | undefined;
  /** 1–1,000 characters, no control characters; text that shows nothing (blanks, zero-width spaces) is empty. */
  title: string;
  /** Existing topics, the first being the primary topic (at most 10). */
  topicIds?: Array<string> | null | undefined;
};

/** An inclusive range of ISO dates (YYYY-MM-DD, real calendar days); either bound may be omitted. */
export type DateRange = {
  gte?: string | null | undefined;
  lte?: string | null | undefined;
};

/** An inclusive integer range; either bound may be omitted. */
export type IntRange = {
  gte?: number | null | undefined;
  lte?: number | null | undefined;
};

export type NewAuthorInput = {
  /** 1–300 characters, no control characters. */
  displayName: string;
  /** An ORCID in bare or URL form, with a valid check digit. */
  orcid?: string | null | undefined;
};

/** OpenAlex `open_access.oa_status`. */
export type OaStatus =
  /** Free to read at the publisher, without a licence. */
  | 'BRONZE'
  /** None of these. */
  | 'CLOSED'
  /** Gold without fees for the authors (a diamond or platinum venue). */
  | 'DIAMOND'
  /** Published in an open-access venue. */
  | 'GOLD'
  /** Free to read in a repository. */
  | 'GREEN'
  /** Open under a licence in a subscription venue. */
  | 'HYBRID';

/** A change's delivery to one projection store. */
export type ProjectionState =
  /** The store has applied it (for Elasticsearch: refreshed, so searchable). */
  | 'APPLIED'
  /** Delivery failed `OUTBOX_MAX_ATTEMPTS` times: the change is parked (never dropped) until an admin requeues it. */
  | 'FAILED'
  /** Committed and on its way (retried with backoff while the store fails). */
  | 'PENDING';

/** The orders of `searchWorks`; every one ends with the work id as a tie-break. */
export type SearchSort =
  /** Least cited first. */
  | 'CITED_BY_COUNT_ASC'
  /** Most cited first. */
  | 'CITED_BY_COUNT_DESC'
  /** Oldest publication date first; works without a date first. */
  | 'PUBLICATION_DATE_ASC'
  /** Newest publication date first; works without a date last. */
  | 'PUBLICATION_DATE_DESC'
  /** Best match first (the default when the query has terms; without terms, as `CITED_BY_COUNT_DESC`). */
  | 'RELEVANCE'
  /** By plain title, A–Z folded to lowercase, in code-point order; works without a title first. */
  | 'TITLE_ASC'
  /** By plain title, descending (the reverse of `TITLE_ASC`). */
  | 'TITLE_DESC';

/** The stores the gateway can talk to. */
export type Store =
  | 'ELASTICSEARCH'
  | 'INFLUXDB'
  | 'NEO4J'
  | 'POSTGRES'
  | 'REDIS';

/** Why a store has not applied a change, without the store's own words. */
export type SyncErrorClass =
  /** PostgreSQL could not be read to build what the store is sent. */
  | 'CATALOG_UNAVAILABLE'
  /** The relay that took the change has no such store configured (replicas configured differently). */
  | 'NOT_CONFIGURED'
  /** The store answered and refused the change. */
  | 'REJECTED'
  /** The store did not answer: down, overloaded, timed out, or its circuit breaker is open. */
  | 'UNAVAILABLE';

export type SyncState =
  /** The store has applied the change. */
  | 'APPLIED'
  /** Delivery failed too many times; the change is parked in the outbox (never dropped) until an admin requeues it. */
  | 'DEAD_LETTERED'
  /** The change is committed and on its way to the store (retried with backoff while the store is down). */
  | 'PENDING';

/**
 * Conditions on works. Fields set together must all hold; `and` and `or` compose nested filters.
 * Ids accept the short and the URL form.
 */
export type WorkFilter = {
  and?: Array<WorkFilter> | null | undefined;
  /** Works whose byline names this author. */
  authorId?: string | null | undefined;
  /** The works this work cites that are loaded here (its reference list); nothing when the work itself is not loaded. */
  citedBy?: string | null | undefined;
  citedByCount?: IntRange | null | undefined;
  /** Works whose reference list (OpenAlex `referenced_works`) holds this work, loaded here or not. */
  cites?: string | null | undefined;
  /** Works with a byline entry whose institution is in any of these countries (ISO 3166-1 alpha-2, e.g. `SA`, any case). An empty list matches nothing. */
  countryCode?: Array<string> | null | undefined;
  /** Exact DOI, with or without the `https://doi.org/` prefix, case-insensitive. */
  doi?: string | null | undefined;
  /** Works with (true) or without (false) a non-empty abstract. */
  hasAbstract?: boolean | null | undefined;
  /** Works with (true) or without (false) a DOI. */
  hasDoi?: boolean | null | undefined;
  /** Works with a byline entry naming this institution (an entry naming no author included). */
  institutionId?: string | null | undefined;
  isOpenAccess?: boolean | null | undefined;
  /** Any of these ISO 639-1 language codes (OpenAlex `language`, e.g. `en`), any case; a work without a language matches none. An empty list matches nothing. */
  language?: Array<string> | null | undefined;
  or?: Array<WorkFilter> | null | undefined;
  /** Works published within this inclusive range of ISO dates; a work without a publication date matches none. */
  publicationDate?: DateRange | null | undefined;
  publicationYear?: IntRange | null | undefined;
  /** Works published in this source (OpenAlex `primary_location.source`). */
  sourceId?: string | null | undefined;
  /** Works with a topic in this domain (its display name, exact, e.g. `Physical Sciences`). */
  topicDomain?: string | null | undefined;
  /** Works with a topic in this field (its display name, exact, e.g. `Engineering`). */
  topicField?: string | null | undefined;
  /** Works with this topic among their topics. */
  topicId?: string | null | undefined;
  /** Works with a topic in this subfield (its display name, exact). */
  topicSubfield?: string | null | undefined;
  /** Any of these OpenAlex work types. */
  type?: Array<string> | null | undefined;
};

export type ArticleSyncQueryVariables = Exact<{
  token: string;
  waitMs?: number | null | undefined;
}>;


export type ArticleSyncQuery = { syncStatus: { workId: string, operation: ArticleOperation, version: number | null, complete: boolean, superseded: boolean, stores: Array<{ store: Store, state: ProjectionState, attempts: number, errorClass: SyncErrorClass | null }> } | null };

export type AuthorPageQueryVariables = Exact<{
  id: string;
  from: number;
  to: number;
  worksAfter?: string | null | undefined;
  coauthorsAfter?: string | null | undefined;
}>;


export type AuthorPageQuery = { author: { id: string, displayName: string, orcid: string | null, worksCount: number, citedByCount: number | null, hIndex: number | null, institutions: Array<{ id: string, displayName: string, countryCode: string | null }>, topTopics: Array<{ works: number, topic: { id: string, displayName: string } }>, coauthorsConnection: { totalCount: number, edges: Array<{ cursor: string, node: { sharedWorks: number, author: { id: string, displayName: string } } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } | null, works: { totalCount: number, nodes: Array<{ id: string, title: string | null, publicationYear: number | null, citedByCount: number }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } }, trend: { points: Array<{ period: number, works: number, citations: number }> } | null } | null };

export type CitationGraphQueryVariables = Exact<{
  workId: string;
  depth?: number | null | undefined;
  maxNodes?: number | null | undefined;
}>;


export type CitationGraphQuery = { citationSubgraph: { totalNodes: number, capped: boolean, nodes: Array<{ id: string, title: string | null, publicationYear: number | null, citedByCount: number, depth: number }>, edges: Array<{ citingId: string, citedId: string }> } | null };

export type CreateArticleMutationVariables = Exact<{
  input: CreateArticleInput;
}>;


export type CreateArticleMutation = { createArticle: { syncToken: string, work: { id: string, title: string | null, version: number }, sync: Array<{ store: Store, state: SyncState, visible: boolean }> } };

export type EditorHomeQueryVariables = Exact<{ [key: string]: never; }>;


export type EditorHomeQuery = { viewer: { id: string, role: string } | null };

export type SearchPageQueryVariables = Exact<{
  query?: string | null | undefined;
  filter?: WorkFilter | null | undefined;
  sort?: SearchSort | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type SearchPageQuery = { searchWorks: { totalCount: number, edges: Array<{ cursor: string, highlights: Array<{ field: string, snippets: Array<string> }>, node: { id: string, title: string | null, publicationYear: number | null, citedByCount: number, isOpenAccess: boolean, oaStatus: OaStatus | null, authorships: Array<{ rawAuthorName: string, author: { id: string } | null }>, source: { id: string, displayName: string } | null } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null }, facets: { publicationYear: Array<{ year: number, count: number }>, type: Array<{ type: string, count: number }>, isOpenAccess: Array<{ isOpenAccess: boolean, count: number }>, topic: Array<{ topicId: string, label: string | null, count: number }> }, byInstitution: { groups: Array<{ key: string | null, keyDisplayName: string | null, count: number }> } } | null };

export type TopicPageQueryVariables = Exact<{
  id: string;
  from: number;
  to: number;
}>;


export type TopicPageQuery = { topic: { id: string, displayName: string, subfield: string | null, field: string | null, domain: string | null, works: { totalCount: number, nodes: Array<{ id: string, title: string | null, publicationYear: number | null, citedByCount: number }> }, topAuthors: Array<{ works: number, author: { id: string, displayName: string } }>, trend: { points: Array<{ period: number, works: number, citations: number }> } | null } | null };

export type TypeAheadQueryVariables = Exact<{
  prefix: string;
  first?: number | null | undefined;
}>;


export type TypeAheadQuery = { autocompleteWorks: Array<{ id: string, title: string }> | null, autocompleteAuthors: Array<{ id: string, displayName: string, hint: string | null }> | null, autocompleteTopics: Array<{ id: string, displayName: string, hint: string | null }> | null };

export type WorkPageQueryVariables = Exact<{
  id: string;
  from: number;
  to: number;
}>;


export type WorkPageQuery = { work: { id: string, doi: string | null, title: string | null, titleMarkup: string | null, abstract: string | null, publicationYear: number | null, publicationDate: string | null, type: string | null, language: string | null, citedByCount: number, isOpenAccess: boolean, oaStatus: OaStatus | null, oaUrl: string | null, authorshipCount: number, referencedWorkCount: number, unloadedRelatedWorkIds: Array<string>, authorships: Array<{ position: number, rawAuthorName: string, author: { id: string, displayName: string } | null, institutions: Array<{ id: string, displayName: string, countryCode: string | null }> }>, topics: Array<{ score: number, topic: { id: string, displayName: string, field: string | null } }>, source: { id: string, displayName: string, issnL: string | null } | null, referencedWorks: Array<{ id: string, position: number, loaded: boolean, work: { id: string, title: string | null, publicationYear: number | null } | null }>, relatedWorks: Array<{ id: string, title: string | null, publicationYear: number | null }>, citedBy: { totalCount: number, nodes: Array<{ id: string, title: string | null, publicationYear: number | null }> } | null, trend: { points: Array<{ period: number, citations: number }> } | null } | null };


export const ArticleSyncDocument = {"__meta__":{"hash":"6f93c2e71a191edff78c6e9df8ff27d1f78e6de6769fb27baf5706d6c58c424d"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ArticleSync"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"token"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"waitMs"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"0"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"syncStatus"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"token"},"value":{"kind":"Variable","name":{"kind":"Name","value":"token"}}},{"kind":"Argument","name":{"kind":"Name","value":"waitMs"},"value":{"kind":"Variable","name":{"kind":"Name","value":"waitMs"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"workId"}},{"kind":"Field","name":{"kind":"Name","value":"operation"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"complete"}},{"kind":"Field","name":{"kind":"Name","value":"superseded"}},{"kind":"Field","name":{"kind":"Name","value":"stores"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"store"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"attempts"}},{"kind":"Field","name":{"kind":"Name","value":"errorClass"}}]}}]}}]}}]} as unknown as DocumentNode<ArticleSyncQuery, ArticleSyncQueryVariables>;
export const AuthorPageDocument = {"__meta__":{"hash":"9b3bfd31eda7a37b99da268586546731cff3234db90b972f2dee8ac23091e862"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AuthorPage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"from"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"to"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"worksAfter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"coauthorsAfter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"author"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"orcid"}},{"kind":"Field","name":{"kind":"Name","value":"worksCount"}},{"kind":"Field","name":{"kind":"Name","value":"citedByCount"}},{"kind":"Field","name":{"kind":"Name","value":"hIndex"}},{"kind":"Field","name":{"kind":"Name","value":"institutions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"countryCode"}}]}},{"kind":"Field","name":{"kind":"Name","value":"topTopics"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"5"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"works"}},{"kind":"Field","name":{"kind":"Name","value":"topic"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"coauthorsConnection"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"10"}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"coauthorsAfter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sharedWorks"}},{"kind":"Field","name":{"kind":"Name","value":"author"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"works"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"20"}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"worksAfter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"publicationYear"}},{"kind":"Field","name":{"kind":"Name","value":"citedByCount"}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"trend"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"to"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"points"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"period"}},{"kind":"Field","name":{"kind":"Name","value":"works"}},{"kind":"Field","name":{"kind":"Name","value":"citations"}}]}}]}}]}}]}}]} as unknown as DocumentNode<AuthorPageQuery, AuthorPageQueryVariables>;
export const CitationGraphDocument = {"__meta__":{"hash":"36ff0782c236784348c79dbe9f6867d42c2a6923882edc85efe3d8fd26e23776"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CitationGraph"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"workId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"depth"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"1"}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"maxNodes"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"50"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"citationSubgraph"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"workId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"workId"}}},{"kind":"Argument","name":{"kind":"Name","value":"direction"},"value":{"kind":"EnumValue","value":"BOTH"}},{"kind":"Argument","name":{"kind":"Name","value":"depth"},"value":{"kind":"Variable","name":{"kind":"Name","value":"depth"}}},{"kind":"Argument","name":{"kind":"Name","value":"maxNodes"},"value":{"kind":"Variable","name":{"kind":"Name","value":"maxNodes"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalNodes"}},{"kind":"Field","name":{"kind":"Name","value":"capped"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"publicationYear"}},{"kind":"Field","name":{"kind":"Name","value":"citedByCount"}},{"kind":"Field","name":{"kind":"Name","value":"depth"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"citingId"}},{"kind":"Field","name":{"kind":"Name","value":"citedId"}}]}}]}}]}}]} as unknown as DocumentNode<CitationGraphQuery, CitationGraphQueryVariables>;
export const CreateArticleDocument = {"__meta__":{"hash":"10bf585b5b54736deb7e1f7e9e521b151c27bdde79601302bc3ca2e36a5b7dda"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateArticle"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateArticleInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createArticle"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"work"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}},{"kind":"Field","name":{"kind":"Name","value":"sync"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"store"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"visible"}}]}},{"kind":"Field","name":{"kind":"Name","value":"syncToken"}}]}}]}}]} as unknown as DocumentNode<CreateArticleMutation, CreateArticleMutationVariables>;
export const EditorHomeDocument = {"__meta__":{"hash":"2296955824b35b62b13acbf2f55f185e69f22a7a219843357c0bfbd2fe084af8"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"EditorHome"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"viewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"role"}}]}}]}}]} as unknown as DocumentNode<EditorHomeQuery, EditorHomeQueryVariables>;
export const SearchPageDocument = {"__meta__":{"hash":"3f97bdc8f45c0956793d146c15098a79ad67d63a8505854aa29d4cd5ef9c9333"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SearchPage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"query"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"WorkFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"sort"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"SearchSort"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"20"}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"searchWorks"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"query"},"value":{"kind":"Variable","name":{"kind":"Name","value":"query"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"sort"},"value":{"kind":"Variable","name":{"kind":"Name","value":"sort"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"highlights"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"snippets"}}]}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"publicationYear"}},{"kind":"Field","name":{"kind":"Name","value":"citedByCount"}},{"kind":"Field","name":{"kind":"Name","value":"isOpenAccess"}},{"kind":"Field","name":{"kind":"Name","value":"oaStatus"}},{"kind":"Field","name":{"kind":"Name","value":"authorships"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"3"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rawAuthorName"}},{"kind":"Field","name":{"kind":"Name","value":"author"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"source"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"facets"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"publicationYear"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"year"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}},{"kind":"Field","name":{"kind":"Name","value":"type"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}},{"kind":"Field","name":{"kind":"Name","value":"isOpenAccess"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"isOpenAccess"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}},{"kind":"Field","name":{"kind":"Name","value":"topic"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"topicId"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}}]}},{"kind":"Field","alias":{"kind":"Name","value":"byInstitution"},"name":{"kind":"Name","value":"groupBy"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"field"},"value":{"kind":"EnumValue","value":"INSTITUTION"}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"5"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"groups"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"keyDisplayName"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}}]}}]}}]}}]} as unknown as DocumentNode<SearchPageQuery, SearchPageQueryVariables>;
export const TopicPageDocument = {"__meta__":{"hash":"1a6c37759b5bb68302a5329f5ede2efeff181eb4d4c9904db845daedb306a7fd"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"TopicPage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"from"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"to"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"topic"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"subfield"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"domain"}},{"kind":"Field","name":{"kind":"Name","value":"works"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"10"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"publicationYear"}},{"kind":"Field","name":{"kind":"Name","value":"citedByCount"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"topAuthors"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"10"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"works"}},{"kind":"Field","name":{"kind":"Name","value":"author"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"trend"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"to"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"points"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"period"}},{"kind":"Field","name":{"kind":"Name","value":"works"}},{"kind":"Field","name":{"kind":"Name","value":"citations"}}]}}]}}]}}]}}]} as unknown as DocumentNode<TopicPageQuery, TopicPageQueryVariables>;
export const TypeAheadDocument = {"__meta__":{"hash":"9b0e7c3ddc607fdca00cc876974c74fac79a6dc3c9fc04ad8a40d2ce359a6166"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"TypeAhead"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"prefix"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"5"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"autocompleteWorks"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"prefix"},"value":{"kind":"Variable","name":{"kind":"Name","value":"prefix"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}}]}},{"kind":"Field","name":{"kind":"Name","value":"autocompleteAuthors"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"prefix"},"value":{"kind":"Variable","name":{"kind":"Name","value":"prefix"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"hint"}}]}},{"kind":"Field","name":{"kind":"Name","value":"autocompleteTopics"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"prefix"},"value":{"kind":"Variable","name":{"kind":"Name","value":"prefix"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"hint"}}]}}]}}]} as unknown as DocumentNode<TypeAheadQuery, TypeAheadQueryVariables>;
export const WorkPageDocument = {"__meta__":{"hash":"8cacd9d5fb95c0a10a357c9a9f5d91f322b4b4ebf4d6f407edad67db6d58d412"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WorkPage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"from"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"to"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"work"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"doi"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"titleMarkup"}},{"kind":"Field","name":{"kind":"Name","value":"abstract"}},{"kind":"Field","name":{"kind":"Name","value":"publicationYear"}},{"kind":"Field","name":{"kind":"Name","value":"publicationDate"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"language"}},{"kind":"Field","name":{"kind":"Name","value":"citedByCount"}},{"kind":"Field","name":{"kind":"Name","value":"isOpenAccess"}},{"kind":"Field","name":{"kind":"Name","value":"oaStatus"}},{"kind":"Field","name":{"kind":"Name","value":"oaUrl"}},{"kind":"Field","name":{"kind":"Name","value":"authorshipCount"}},{"kind":"Field","name":{"kind":"Name","value":"authorships"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"20"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"position"}},{"kind":"Field","name":{"kind":"Name","value":"rawAuthorName"}},{"kind":"Field","name":{"kind":"Name","value":"author"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"institutions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"countryCode"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"topics"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"score"}},{"kind":"Field","name":{"kind":"Name","value":"topic"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"source"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"issnL"}}]}},{"kind":"Field","name":{"kind":"Name","value":"referencedWorkCount"}},{"kind":"Field","name":{"kind":"Name","value":"referencedWorks"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"position"}},{"kind":"Field","name":{"kind":"Name","value":"loaded"}},{"kind":"Field","name":{"kind":"Name","value":"work"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"publicationYear"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"relatedWorks"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"publicationYear"}}]}},{"kind":"Field","name":{"kind":"Name","value":"unloadedRelatedWorkIds"}},{"kind":"Field","name":{"kind":"Name","value":"citedBy"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"10"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"publicationYear"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"trend"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"to"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"points"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"period"}},{"kind":"Field","name":{"kind":"Name","value":"citations"}}]}}]}}]}}]}}]} as unknown as DocumentNode<WorkPageQuery, WorkPageQueryVariables>;