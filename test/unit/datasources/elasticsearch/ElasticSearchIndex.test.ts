import { searchSignature } from '../../../../datasources/shared/searchSignature';
import type { Client } from '@elastic/elasticsearch';
import { encodeElasticCursor } from '../../../../datasources/elasticsearch/elasticSearchCursor';
import { ElasticSearchIndex } from '../../../../datasources/elasticsearch/ElasticSearchIndex';
import { isTransientElasticError } from '../../../../datasources/elasticsearch/isTransientElasticError';
import { StorePolicy } from '../../../../datasources/shared/StorePolicy';
import type { SearchWants } from '../../../../datasources/SearchIndex';

/** A client whose `search` records its requests and answers `response`. */
function fakeClient(response: unknown) {
  const requests: Record<string, unknown>[] = [];
  const client = {
    search: jest.fn(async (params: Record<string, unknown>) => {
      requests.push(params);
      return response;
    }),
  };
  return { client: client as unknown as Client, requests };
}

const hit = (id: string, score: number, highlight?: Record<string, string[]>) => ({ _id: id, _index: 'works', _score: null, sort: [score, id], ...(highlight ? { highlight } : {}) });

const RESPONSE = {
  hits: {
    total: { value: 42, relation: 'eq' },
    hits: [
      // As the html encoder writes fragments: the text escaped (Lucene's SimpleHTMLEncoder, `/` included), the tags not.
      hit('W2', 9.5, { title: ['Underground <em>hydrogen</em> &lt;i&gt;storage&lt;&#x2F;i&gt;'], abstract: ['no marker', 'some <em>hydrogen</em>'] }),
      hit('W1', 7.25),
      hit('W3', 7.25),
    ],
  },
  // Each facet is a filter aggregation (the other facets' own conditions) around its terms aggregation.
  aggregations: {
    publicationYear: { doc_count: 42, buckets: { buckets: [{ key: 2024, doc_count: 30 }, { key: 2019, doc_count: 12 }] } },
    type: { doc_count: 42, buckets: { buckets: [{ key: 'article', doc_count: 40 }, { key: 'review', doc_count: 2 }] } },
    isOpenAccess: { doc_count: 42, buckets: { buckets: [{ key: 1, key_as_string: 'true', doc_count: 25 }, { key: 0, key_as_string: 'false', doc_count: 17 }] } },
    topic: { doc_count: 42, buckets: { buckets: [{ key: 'T1', doc_count: 20 }] } },
  },
};

const policy = () => new StorePolicy('elasticsearch', isTransientElasticError, { maxAttempts: 1 });
const HOSTILE = '"title:(foo OR bar)" AND -x* {"match_all":{}}';

describe('ElasticSearchIndex', () => {
  it('sends the parsed terms only as match values, sorted by [_score desc, id asc], with highlights, multi-select facets and the exact total', async () => {
    const { client, requests } = fakeClient(RESPONSE);
    await new ElasticSearchIndex(client, policy(), 'works').search(HOSTILE, { isOpenAccess: true, citedByCount: { gte: 1 } }, { first: 2, sort: [] });
    expect(requests).toHaveLength(1);
    const req = requests[0] as Record<string, unknown>;
    const fields = ['title^2', 'abstract'];
    expect(req).toMatchObject({
      index: 'works',
      size: 3,
      track_total_hits: true,
      sort: [{ _score: { order: 'desc' } }, { id: { order: 'asc' } }],
      query: {
        bool: {
          // `"title:(foo OR bar)"` is a phrase, AND a word, `-x*` an exclusion, `{"match_all":{}}` a brace (no word), a phrase and `:{}}`.
          must: [
            { multi_match: { query: 'title:(foo OR bar)', fields, type: 'phrase' } },
            { multi_match: { query: 'AND', fields, type: 'cross_fields', operator: 'and' } },
            { multi_match: { query: 'match_all', fields, type: 'phrase' } },
          ],
          must_not: [{ multi_match: { query: 'x*', fields, type: 'cross_fields', operator: 'and' } }],
          should: [{ match_phrase: { title: { query: 'title:(foo OR bar)  AND x* { match_all :{}}', boost: 2 } } }],
          // The facets' own fields are a post_filter; the rest narrows hits and counts alike.
          filter: [{ bool: { filter: [{ range: { cited_by_count: { gte: 1 } } }] } }],
        },
      },
      post_filter: { bool: { filter: [{ bool: { filter: [{ term: { is_open_access: true } }] } }] } },
      highlight: { encoder: 'html', pre_tags: ['<em>'], post_tags: ['</em>'] },
      aggs: {
        publicationYear: { filter: { bool: { filter: [{ bool: { filter: [{ term: { is_open_access: true } }] } }] } }, aggs: { buckets: { terms: { field: 'publication_year', order: { _key: 'desc' } } } } },
        isOpenAccess: { filter: { match_all: {} }, aggs: { buckets: { terms: { field: 'is_open_access', size: 2 } } } },
        topic: { aggs: { buckets: { terms: { field: 'topic_ids', size: 20, order: [{ _count: 'desc' }, { _key: 'asc' }] } } } },
      },
    });
    expect(req).not.toHaveProperty('search_after');
    expect(JSON.stringify(req)).not.toMatch(/query_string|simple_query_string|script/);
  });

  it('browses without terms: no text query, no highlight, most cited first by default', async () => {
    const { client, requests } = fakeClient({ hits: { total: { value: 0, relation: 'eq' }, hits: [] }, aggregations: {} });
    await new ElasticSearchIndex(client, policy(), 'works').search('  ', undefined, { first: 2, sort: [] });
    expect(requests[0]).toMatchObject({ query: { bool: { must: [], must_not: [], should: [] } }, sort: [{ cited_by_count: { order: 'desc' } }, { id: { order: 'asc' } }] });
    expect(requests[0]).not.toHaveProperty('highlight');
  });

  it('answers one page (first of first + 1 hits), cursors carrying the sort values, highlights as HTML, facets as buckets', async () => {
    const { client } = fakeClient(RESPONSE);
    const result = await new ElasticSearchIndex(client, policy(), 'works').search('hydrogen', undefined, { first: 2, sort: [] });
    expect(result.page.hasNextPage).toBe(true);
    expect(await result.page.totalCount()).toBe(42);
    expect(result.page.edges.map((e) => e.node)).toEqual([
      {
        workId: 'W2',
        score: 9.5,
        highlights: [
          { field: 'title', snippets: ['Underground <em>hydrogen</em> &lt;i&gt;storage&lt;/i&gt;'] },
          { field: 'abstract', snippets: ['some <em>hydrogen</em>'] },
        ],
      },
      { workId: 'W1', score: 7.25, highlights: [] },
    ]);
    expect(result.page.edges[1]?.cursor).toBe(encodeElasticCursor(searchSignature(['elasticsearch', 'works', 'RELEVANCE'], 'hydrogen', undefined), [7.25, 'W1']));
    expect(result.facets).toEqual({
      publicationYear: [
        { value: '2024', count: 30 },
        { value: '2019', count: 12 },
      ],
      type: [
        { value: 'article', count: 40 },
        { value: 'review', count: 2 },
      ],
      isOpenAccess: [
        { value: 'true', count: 25 },
        { value: 'false', count: 17 },
      ],
      topic: [{ value: 'T1', count: 20 }],
    });
  });

  it('continues after a cursor with search_after, and refuses a cursor of another query before asking the store', async () => {
    const { client, requests } = fakeClient({ hits: { total: { value: 0, relation: 'eq' }, hits: [] }, aggregations: {} });
    const index = new ElasticSearchIndex(client, policy(), 'works');
    const after = encodeElasticCursor(searchSignature(['elasticsearch', 'works', 'RELEVANCE'], 'hydrogen', undefined), [7.25, 'W1']);
    const result = await index.search('hydrogen', undefined, { first: 2, sort: [], after });
    expect(requests[0]).toMatchObject({ search_after: [7.25, 'W1'] });
    expect(result.page).toMatchObject({ edges: [], hasNextPage: false });
    expect(result.facets).toEqual({ publicationYear: [], type: [], isOpenAccess: [], topic: [] });
    await expect(index.search('helium', undefined, { first: 2, sort: [], after })).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(requests).toHaveLength(1);
  });

  describe('asks only for what the request wants', () => {
    const FILTER = { isOpenAccess: true, citedByCount: { gte: 1 } };
    const ask = async (wants: SearchWants, after?: string) => {
      const { client, requests } = fakeClient(RESPONSE);
      const result = await new ElasticSearchIndex(client, policy(), 'works').search('hydrogen', FILTER, { first: 2, sort: [], ...(after ? { after } : {}) }, wants);
      return { result, requests };
    };
    const NOTHING: SearchWants = { page: false, totalCount: false, facets: [] };

    it('the total alone: no hits (size 0), no sort, highlight or aggregation, the post_filter kept for the total', async () => {
      const { result, requests } = await ask({ ...NOTHING, totalCount: true });
      expect(requests).toHaveLength(1);
      expect(requests[0]).toMatchObject({ size: 0, track_total_hits: true, track_scores: false, post_filter: { bool: { filter: [{ bool: { filter: [{ term: { is_open_access: true } }] } }] } } });
      for (const key of ['aggs', 'sort', 'highlight', 'search_after']) expect(requests[0]).not.toHaveProperty(key);
      expect(await result.page.totalCount()).toBe(42);
      expect(result.page).toMatchObject({ edges: [], hasNextPage: false });
    });

    it('one facet alone: only its aggregation, no hits, no total tracked, no post_filter', async () => {
      const { result, requests } = await ask({ ...NOTHING, facets: ['type'] });
      expect(requests[0]).toMatchObject({ size: 0, track_total_hits: false });
      expect(Object.keys(requests[0]?.['aggs'] as object)).toEqual(['type']);
      expect(requests[0]).not.toHaveProperty('post_filter');
      expect(result.facets.type).toEqual([
        { value: 'article', count: 40 },
        { value: 'review', count: 2 },
      ]);
    });

    it('the page alone: first + 1 hits, sorted and highlighted after the cursor, no aggregation, no total tracked', async () => {
      const after = encodeElasticCursor(searchSignature(['elasticsearch', 'works', 'RELEVANCE'], 'hydrogen', FILTER), [9, 'W0']);
      const { result, requests } = await ask({ ...NOTHING, page: true }, after);
      expect(requests[0]).toMatchObject({ size: 3, track_total_hits: false, track_scores: true, search_after: [9, 'W0'], sort: [{ _score: { order: 'desc' } }, { id: { order: 'asc' } }] });
      expect(requests[0]).toHaveProperty('highlight');
      expect(requests[0]).not.toHaveProperty('aggs');
      expect(result.page.edges.map((e) => e.node.workId)).toEqual(['W2', 'W1']);
    });

    it('nothing (a group-by alone): no request, a bad cursor still refused, and a total asked later counted then', async () => {
      const { result, requests } = await ask(NOTHING);
      expect(requests).toHaveLength(0);
      await expect(ask(NOTHING, 'not-a-cursor')).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
      expect(result.facets).toEqual({ publicationYear: [], type: [], isOpenAccess: [], topic: [] });
      expect(await result.page.totalCount()).toBe(42);
      expect(requests).toHaveLength(1);
      expect(requests[0]).toMatchObject({ size: 0, track_total_hits: true });
    });

    it('a total not wanted but asked for anyway: one more request, of the total alone', async () => {
      const { client, requests } = fakeClient(RESPONSE);
      const result = await new ElasticSearchIndex(client, policy(), 'works').search('hydrogen', FILTER, { first: 2, sort: [] }, { ...NOTHING, page: true });
      expect(requests).toHaveLength(1);
      expect(await result.page.totalCount()).toBe(42);
      expect(requests).toHaveLength(2);
      expect(requests[1]).toMatchObject({ size: 0, track_total_hits: true });
      expect(requests[1]).not.toHaveProperty('aggs');
    });
  });

  it('autocompletes with a term per whole word and a literal prefix on the title words, most cited, then title, then id', async () => {
    const { client, requests } = fakeClient({
      hits: { hits: [{ _id: 'W9', _source: { title: 'Hydrogen storage' }, sort: [50, 'hydrogen storage', 'W9'] }, { _id: 'W8', _source: {}, sort: [1, '', 'W8'] }] },
    });
    const index = new ElasticSearchIndex(client, policy(), 'works');
    expect(await index.autocomplete({ whole: ['hydrogen'], prefix: 'st' }, 5)).toEqual([{ workId: 'W9', title: 'Hydrogen storage' }]);
    expect(requests[0]).toMatchObject({
      size: 5,
      query: { bool: { filter: [{ term: { title: { value: 'hydrogen' } } }, { prefix: { title: { value: 'st' } } }] } },
      sort: [{ cited_by_count: { order: 'desc' } }, { title_sort: { order: 'asc' } }, { id: { order: 'asc' } }],
    });
    expect(await index.autocomplete({ whole: [], prefix: 'hyd' }, 0)).toEqual([]);
    expect(requests).toHaveLength(1);
  });

  it('suggests entities of one kind from the suggestion index beside the works index, by popularity, name, id', async () => {
    const { client, requests } = fakeClient({ hits: { hits: [{ _id: 'A1', _source: { id: 'A1', name: 'Ada Lovelace' } }] } });
    const index = new ElasticSearchIndex(client, policy(), 'works');
    expect(await index.suggest('author', { whole: ['ada'], prefix: 'lo' }, 3)).toEqual([{ id: 'A1', displayName: 'Ada Lovelace' }]);
    expect(requests[0]).toMatchObject({
      index: 'works_suggestions',
      size: 3,
      query: { bool: { filter: [{ term: { kind: 'author' } }, { term: { name: { value: 'ada' } } }, { prefix: { name: { value: 'lo' } } }] } },
      sort: [{ popularity: { order: 'desc' } }, { name_sort: { order: 'asc' } }, { id: { order: 'asc' } }],
    });
  });
});
