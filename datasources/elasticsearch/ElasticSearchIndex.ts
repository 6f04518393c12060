import type { Client, estypes } from '@elastic/elasticsearch';
import type { FacetBucketRecord, SearchFacets, SearchHighlightRecord, SearchHit, SearchIndex, SearchResult, Suggestion } from '../SearchIndex';
import type { StorePolicy } from '../shared/StorePolicy';
import type { PageRequest, WorkFilter } from '../types';
import { searchSignature } from '../shared/searchSignature';
import { decodeElasticCursor, encodeElasticCursor, HIGHLIGHT_ENCODING, markedSnippets } from './elasticSearchCursor';
import { workFilterQuery } from './workFilterQuery';
import type { WorkDocument } from './workIndexMapping';

/** Most buckets a facet returns (years and types are few; topics are cut to the 20 most frequent). */
const FACET_LIMITS = { publicationYear: 1000, type: 100, isOpenAccess: 2, topic: 20 } as const;

const BY_COUNT_THEN_KEY: estypes.AggregationsAggregateOrder = [{ _count: 'desc' }, { _key: 'asc' }];

type Bucket = { key: string | number; key_as_string?: string; doc_count: number };
type TermsAggregate = { buckets: Bucket[] };

/**
 * Full-text search in Elasticsearch over the works index (ElasticProjection). Every word of the query must
 * occur in the title or the abstract (`multi_match` cross_fields, operator and — the same match set as
 * PostgreSQL's plainto_tsquery); BM25 with the title boosted, plus a boost when the title holds the query as
 * a phrase. Sorted by [_score desc, id asc] and paged with search_after; one request answers the page,
 * highlights, total (track_total_hits) and the facets (terms aggregations).
 */
export class ElasticSearchIndex implements SearchIndex {
  readonly backend = 'elasticsearch' as const;

  constructor(
    private readonly client: Client,
    private readonly policy: StorePolicy,
    private readonly index: string,
  ) {}

  async search(query: string, filter: WorkFilter | undefined, request: PageRequest<never, never>): Promise<SearchResult> {
    const signature = searchSignature(['elasticsearch', this.index], query, filter);
    const after = request.after === undefined ? undefined : decodeElasticCursor(signature, request.after);
    const params: estypes.SearchRequest = {
      index: this.index,
      size: request.first + 1,
      track_total_hits: true,
      _source: false,
      query: {
        bool: {
          // The user's text is only ever a query value, analyzed like the documents; never query syntax.
          must: [{ multi_match: { query, fields: ['title^2', 'abstract'], type: 'cross_fields', operator: 'and' } }],
          should: [{ match_phrase: { title: { query, boost: 2 } } }],
          filter: [workFilterQuery(filter)],
        },
      },
      sort: [{ _score: { order: 'desc' } }, { id: { order: 'asc' } }],
      ...(after === undefined ? {} : { search_after: [...after] }),
      highlight: {
        ...HIGHLIGHT_ENCODING,
        pre_tags: [...HIGHLIGHT_ENCODING.pre_tags],
        post_tags: [...HIGHLIGHT_ENCODING.post_tags],
        fields: { title: { number_of_fragments: 0 }, abstract: { fragment_size: 160, number_of_fragments: 3 } },
      },
      aggs: {
        year: { terms: { field: 'publication_year', size: FACET_LIMITS.publicationYear, order: { _key: 'desc' } } },
        type: { terms: { field: 'type', size: FACET_LIMITS.type, order: BY_COUNT_THEN_KEY } },
        oa: { terms: { field: 'is_open_access', size: FACET_LIMITS.isOpenAccess, order: BY_COUNT_THEN_KEY } },
        topic: { terms: { field: 'topic_ids', size: FACET_LIMITS.topic, order: BY_COUNT_THEN_KEY } },
      },
    };
    const res = await this.policy.execute('search.query', (signal) => this.client.search<WorkDocument>(params, { signal }));
    const hits = res.hits.hits;
    const total = typeof res.hits.total === 'number' ? res.hits.total : (res.hits.total?.value ?? 0);
    return {
      page: {
        edges: hits.slice(0, request.first).map((hit) => {
          const [score, id] = sortValues(hit);
          return { cursor: encodeElasticCursor(signature, [score, id]), node: toHit(hit, score, id) };
        }),
        hasNextPage: hits.length > request.first,
        totalCount: () => Promise.resolve(total),
      },
      facets: toFacets(res.aggregations),
    };
  }

  async autocomplete(prefix: string, first: number): Promise<Suggestion[]> {
    const word = prefix.trim().toLowerCase();
    if (word.length === 0 || first <= 0) return [];
    const res = await this.policy.execute('search.autocomplete', (signal) =>
      this.client.search<Pick<WorkDocument, 'title'>>(
        {
          index: this.index,
          size: first,
          _source: ['title'],
          // A literal prefix of one title word (standard-analyzer tokens; `index_prefixes` makes it a term
          // lookup); the value is never a pattern, so `%`, `_`, `*` or `\` are just characters.
          query: { bool: { filter: [{ prefix: { title: { value: word } } }] } },
          sort: [{ cited_by_count: { order: 'desc' } }, { id: { order: 'asc' } }],
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
}

function sortValues(hit: estypes.SearchHit<unknown>): [number, string] {
  const [score, id] = hit.sort ?? [];
  if (typeof score !== 'number' || typeof id !== 'string') throw new Error(`search hit ${String(hit._id)} has no [_score, id] sort values`);
  return [score, id];
}

function toHit(hit: estypes.SearchHit<unknown>, score: number, id: string): SearchHit {
  const highlights: SearchHighlightRecord[] = [];
  const title = markedSnippets(hit.highlight?.['title']);
  if (title.length > 0) highlights.push({ field: 'title', snippets: title });
  const abstract = markedSnippets(hit.highlight?.['abstract']);
  if (abstract.length > 0) highlights.push({ field: 'abstract', snippets: abstract });
  return { workId: id, score, highlights };
}

function buckets(aggregations: Record<string, estypes.AggregationsAggregate> | undefined, name: string): FacetBucketRecord[] {
  const agg = aggregations?.[name] as TermsAggregate | undefined;
  return (agg?.buckets ?? []).map((b) => ({ value: b.key_as_string ?? String(b.key), count: b.doc_count }));
}

function toFacets(aggregations: Record<string, estypes.AggregationsAggregate> | undefined): SearchFacets {
  return {
    publicationYear: buckets(aggregations, 'year'),
    type: buckets(aggregations, 'type'),
    isOpenAccess: buckets(aggregations, 'oa'),
    topic: buckets(aggregations, 'topic'),
  };
}
