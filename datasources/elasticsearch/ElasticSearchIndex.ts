import type { Client, estypes } from '@elastic/elasticsearch';
import {
  type EntitySuggestion,
  EVERY_SEARCH_PART,
  type FacetBucketRecord,
  type SearchFacets,
  type SearchHighlightRecord,
  type SearchHit,
  type SearchIndex,
  type SearchResult,
  type SearchWants,
  type Suggestion,
  type SuggestionKind,
  TOTAL_ONLY,
} from '../SearchIndex';
import type { AutocompleteWords } from '../shared/autocompleteWords';
import { suggestionIndexOf, type SuggestionDocument } from './suggestionIndexMapping';
import type { StorePolicy } from '../shared/StorePolicy';
import type { PageRequest, SearchSortKey, WorkFilter } from '../types';
import { FACET_NAMES, type FacetedFilter, type FacetName, otherFacets, splitFacetFilter } from '../shared/facetFilters';
import { searchPlan } from '../shared/searchPlan';
import { bonusText } from '../shared/searchQuery';
import { searchSignature } from '../shared/searchSignature';
import { elasticSearchOrder, type ElasticSortValueKind } from './elasticSearchSort';
import { searchQueryDsl } from './searchQueryDsl';
import { decodeElasticCursor, encodeElasticCursor, HIGHLIGHT_ENCODING, markedSnippets } from './elasticSearchCursor';
import { workFilterQuery } from './workFilterQuery';
import type { WorkDocument } from './workIndexMapping';
import { knownGroups, unknownCount, workGroupAggregations } from './workGroupAggregation';
import { withUnknownGroup } from '../shared/withUnknownGroup';
import type { WorkGroupRequest, WorkGroupsResult } from '../workGroups';

/** Most buckets a facet returns (years and types are few; topics are cut to the 20 most frequent). */
const FACET_LIMITS = { publicationYear: 1000, type: 100, isOpenAccess: 2, topic: 20 } as const;

const BY_COUNT_THEN_KEY: estypes.AggregationsAggregateOrder = [{ _count: 'desc' }, { _key: 'asc' }];

type Bucket = { key: string | number; key_as_string?: string; doc_count: number };
type TermsAggregate = { buckets: Bucket[] };

/**
 * Full-text search in Elasticsearch over the works index (ElasticProjection). The query's web-search syntax
 * (searchQuery.ts) becomes a bool query (`searchQueryDsl`: a word's every analyzer word in the title or the
 * abstract, a phrase within one field, `OR` alternatives, `-` exclusions — the match set of PostgreSQL's
 * rendering); blank text browses. BM25 with the title boosted, plus a boost when the title holds the text as a
 * phrase. Sorted by the plan's order then id and paged with search_after; one request answers the page,
 * highlights, total (track_total_hits) and the multi-select facets: the facets' own filters are a post_filter,
 * and each facet's terms aggregation sits under a filter of the other facets' conditions. Only what the request
 * wants is asked for (size 0 without a page, no total tracked without a total, an aggregation per wanted facet;
 * no request at all when nothing is wanted). A group-by is one
 * request of no hits: the same query with the whole filter, a terms and a `missing` aggregation.
 */
export class ElasticSearchIndex implements SearchIndex {
  readonly backend = 'elasticsearch' as const;

  constructor(
    private readonly client: Client,
    private readonly policy: StorePolicy,
    private readonly index: string,
  ) {}

  async search(text: string, filter: WorkFilter | undefined, request: PageRequest<never, SearchSortKey>, wants: SearchWants = EVERY_SEARCH_PART): Promise<SearchResult> {
    const plan = searchPlan(text, request.sort);
    const order = elasticSearchOrder(plan.sort);
    const signature = searchSignature(['elasticsearch', this.index, plan.sort], text, filter);
    // Decoded whatever is wanted: a bad cursor is refused the same way for every selection.
    const after = request.after === undefined ? undefined : decodeElasticCursor(signature, request.after, order.kind);
    const countTotal = (): Promise<number> => this.search(text, filter, request, TOTAL_ONLY).then((r) => r.page.totalCount());
    if (!wants.page && !wants.totalCount && wants.facets.length === 0) {
      return { page: { edges: [], hasNextPage: false, totalCount: countTotal }, facets: toFacets(undefined) };
    }
    const split = splitFacetFilter(filter);
    const dsl = searchQueryDsl(plan.query);
    const bonus = bonusText(text);
    const hitsWanted = wants.page || wants.totalCount;
    const params: estypes.SearchRequest = {
      index: this.index,
      // No page wanted: no hits fetched, sorted or highlighted (the total and the aggregations need none).
      size: wants.page ? request.first + 1 : 0,
      track_total_hits: wants.totalCount,
      // Scores are computed when the order is not relevance too (the edge's `score`).
      track_scores: wants.page && plan.ranked,
      _source: false,
      query: {
        bool: {
          // The user's text is only ever a query value, analyzed like the documents; never query syntax.
          must: plan.canMatch ? dsl.must : [{ match_none: {} }],
          must_not: dsl.must_not,
          should: wants.page && plan.ranked && bonus !== '' ? [{ match_phrase: { title: { query: bonus, boost: 2 } } }] : [],
          filter: [workFilterQuery(split.base, this.index)],
        },
      },
      // The facets' own conditions narrow the hits and their total, never the aggregations.
      ...(hitsWanted ? { post_filter: workFilterQuery({ and: FACET_NAMES.flatMap((f) => (split.own[f] === undefined ? [] : [split.own[f] as WorkFilter])) }, this.index) } : {}),
      ...(wants.page ? { sort: order.sort } : {}),
      ...(wants.page && after !== undefined ? { search_after: [...after] } : {}),
      ...(wants.page && plan.ranked
        ? {
            highlight: {
              ...HIGHLIGHT_ENCODING,
              pre_tags: [...HIGHLIGHT_ENCODING.pre_tags],
              post_tags: [...HIGHLIGHT_ENCODING.post_tags],
              fields: { title: { number_of_fragments: 0 }, abstract: { fragment_size: 160, number_of_fragments: 3 } },
            },
          }
        : {}),
      ...(wants.facets.length > 0 ? { aggs: facetAggregations(split, this.index, wants.facets) } : {}),
    };
    const res = await this.policy.execute('search.query', (signal) => this.client.search<WorkDocument>(params, { signal }));
    const hits = wants.page ? res.hits.hits : [];
    const total = typeof res.hits.total === 'number' ? res.hits.total : (res.hits.total?.value ?? 0);
    return {
      page: {
        edges: hits.slice(0, request.first).map((hit) => {
          const [first, id] = sortValues(hit, order.kind);
          return { cursor: encodeElasticCursor(signature, [first, id]), node: toHit(hit, !plan.ranked ? 0 : order.kind === 'score' ? (first as number) : (hit._score ?? 0), id) };
        }),
        hasNextPage: hits.length > request.first,
        totalCount: wants.totalCount ? () => Promise.resolve(total) : countTotal,
      },
      facets: toFacets(res.aggregations),
    };
  }

  async groupBy(text: string, filter: WorkFilter | undefined, request: WorkGroupRequest): Promise<WorkGroupsResult> {
    const plan = searchPlan(text, []);
    const dsl = searchQueryDsl(plan.query);
    const params: estypes.SearchRequest = {
      index: this.index,
      size: 0,
      track_total_hits: true,
      query: {
        bool: {
          // The user's text is only ever a query value (as in `search`); no scoring is needed.
          must: plan.canMatch ? dsl.must : [{ match_none: {} }],
          must_not: dsl.must_not,
          filter: [workFilterQuery(filter, this.index)],
        },
      },
      aggs: workGroupAggregations(request),
    };
    const res = await this.policy.execute('search.groupBy', (signal) => this.client.search<WorkDocument>(params, { signal }));
    const total = typeof res.hits.total === 'number' ? res.hits.total : (res.hits.total?.value ?? 0);
    return { totalCount: total, groups: withUnknownGroup(knownGroups(res.aggregations), unknownCount(res.aggregations), request.first) };
  }

  async autocomplete(words: AutocompleteWords, first: number): Promise<Suggestion[]> {
    if (first <= 0) return [];
    const res = await this.policy.execute('search.autocomplete', (signal) =>
      this.client.search<Pick<WorkDocument, 'title'>>(
        {
          index: this.index,
          size: first,
          _source: ['title'],
          query: { bool: { filter: wordFilters('title', words) } },
          sort: [{ cited_by_count: { order: 'desc' } }, { title_sort: { order: 'asc' } }, { id: { order: 'asc' } }],
        },
        { signal },
      ),
    );
    // One document per work, so no duplicates; a work without a title cannot match.
    return res.hits.hits.flatMap((hit) => {
      const title = hit._source?.title;
      return hit._id !== undefined && typeof title === 'string' ? [{ workId: hit._id, title }] : [];
    });
  }

  async suggest(kind: SuggestionKind, words: AutocompleteWords, first: number): Promise<EntitySuggestion[]> {
    if (first <= 0) return [];
    const res = await this.policy.execute(`search.suggest.${kind}`, (signal) =>
      this.client.search<Pick<SuggestionDocument, 'id' | 'name'>>(
        {
          index: suggestionIndexOf(this.index),
          size: first,
          _source: ['id', 'name'],
          query: { bool: { filter: [{ term: { kind } }, ...wordFilters('name', words)] } },
          sort: [{ popularity: { order: 'desc' } }, { name_sort: { order: 'asc' } }, { id: { order: 'asc' } }],
        },
        { signal },
      ),
    );
    return res.hits.hits.flatMap((hit) => {
      const doc = hit._source;
      return doc !== undefined && typeof doc.id === 'string' && typeof doc.name === 'string' ? [{ id: doc.id, displayName: doc.name }] : [];
    });
  }
}

/**
 * The filters of autocomplete's words on a `standard`-analyzed field: each whole word a `term` (one lowercased word is
 * one token), the last word a literal `prefix` (a term lookup through `index_prefixes` up to 10 characters). The words
 * are values, never patterns or query syntax.
 */
function wordFilters(field: string, words: AutocompleteWords): estypes.QueryDslQueryContainer[] {
  return [...words.whole.map((value) => ({ term: { [field]: { value } } })), { prefix: { [field]: { value: words.prefix } } }];
}

function sortValues(hit: estypes.SearchHit<unknown>, kind: ElasticSortValueKind): [number | string, string] {
  const [first, id] = hit.sort ?? [];
  const firstOk = kind === 'text' ? typeof first === 'string' : typeof first === 'number';
  if (!firstOk || typeof id !== 'string') throw new Error(`search hit ${String(hit._id)} has no [${kind}, id] sort values`);
  return [first as number | string, id];
}

/** Each facet of `facets`: its terms aggregation under a filter of the other facets' own conditions (multi-select facets). */
function facetAggregations(split: FacetedFilter, index: string, facets: readonly FacetName[]): Record<string, estypes.AggregationsAggregationContainer> {
  const terms: Record<FacetName, estypes.AggregationsTermsAggregation> = {
    publicationYear: { field: 'publication_year', size: FACET_LIMITS.publicationYear, order: { _key: 'desc' } },
    type: { field: 'type', size: FACET_LIMITS.type, order: BY_COUNT_THEN_KEY },
    isOpenAccess: { field: 'is_open_access', size: FACET_LIMITS.isOpenAccess, order: BY_COUNT_THEN_KEY },
    topic: { field: 'topic_ids', size: FACET_LIMITS.topic, order: BY_COUNT_THEN_KEY },
  };
  return Object.fromEntries(
    FACET_NAMES.filter((facet) => facets.includes(facet)).map((facet) => [facet, { filter: workFilterQuery({ and: otherFacets(split, facet) }, index), aggs: { buckets: { terms: terms[facet] } } }]),
  );
}

function toHit(hit: estypes.SearchHit<unknown>, score: number, id: string): SearchHit {
  const highlights: SearchHighlightRecord[] = [];
  const title = markedSnippets(hit.highlight?.['title']);
  if (title.length > 0) highlights.push({ field: 'title', snippets: title });
  const abstract = markedSnippets(hit.highlight?.['abstract']);
  if (abstract.length > 0) highlights.push({ field: 'abstract', snippets: abstract });
  return { workId: id, score, highlights };
}

function buckets(aggregations: Record<string, estypes.AggregationsAggregate> | undefined, name: FacetName): FacetBucketRecord[] {
  const agg = (aggregations?.[name] as { buckets?: TermsAggregate } | undefined)?.buckets;
  return (agg?.buckets ?? []).map((b) => ({ value: b.key_as_string ?? String(b.key), count: b.doc_count }));
}

function toFacets(aggregations: Record<string, estypes.AggregationsAggregate> | undefined): SearchFacets {
  return {
    publicationYear: buckets(aggregations, 'publicationYear'),
    type: buckets(aggregations, 'type'),
    isOpenAccess: buckets(aggregations, 'isOpenAccess'),
    topic: buckets(aggregations, 'topic'),
  };
}
