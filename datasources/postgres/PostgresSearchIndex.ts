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
import type { StorePolicy } from '../shared/StorePolicy';
import type { PageRequest, SearchSortKey, WorkFilter } from '../types';
import { type FacetName, splitFacetFilter } from '../shared/facetFilters';
import { type SearchPlan, searchPlan } from '../shared/searchPlan';
import { bonusText } from '../shared/searchQuery';
import {
  decodeSearchCursor,
  encodeSearchCursor,
  markedSnippets,
  type SearchCursor,
  type SearchFacetRow,
  searchFacetsSql,
  searchPageSql,
  type SearchPageRow,
} from './sql/searchSql';
import { SqlParams } from './sql/SqlParams';
import { type WorkGroupRow, workGroupSql } from './sql/workGroupSql';
import { withUnknownGroup } from '../shared/withUnknownGroup';
import type { WorkGroupRequest, WorkGroupsResult } from '../workGroups';
import { autocompleteWorksSql, suggestEntitiesSql } from './sql/autocompleteSql';
import { searchSignature } from '../shared/searchSignature';
import type { SqlExecutor, SqlParam } from './SqlExecutor';

/**
 * Full-text search in PostgreSQL (or PGlite) over `works.search_vector` (migration 002, `simple` config): the
 * query's web-search syntax (searchQuery.ts) becomes a condition of bound tsqueries (searchQuerySql: a word's
 * every word in the title or the abstract, slashes separating words, a phrase within one field, `OR`, `-`), with
 * the match set of Elasticsearch's rendering; blank text browses. Ranked by ts_rank (title weight A, abstract B)
 * plus a bonus when the title holds the text as a phrase, or sorted by a work order; keyset-paged on (key, id).
 * A search is at most two statements whatever the page size, each sent only when the request wants it: the page
 * with highlights, and the total with the multi-select facets asked for (the total alone when no facet is). A
 * group-by is one statement (workGroupSql: GROUP BY over the same match set).
 */
export class PostgresSearchIndex implements SearchIndex {
  readonly backend = 'postgresql' as const;

  constructor(
    private readonly db: Pick<SqlExecutor, 'query'>,
    private readonly policy: StorePolicy,
  ) {}

  async search(text: string, filter: WorkFilter | undefined, request: PageRequest<never, SearchSortKey>, wants: SearchWants = EVERY_SEARCH_PART): Promise<SearchResult> {
    const plan = searchPlan(text, request.sort);
    const signature = searchSignature([this.backend, plan.sort], text, filter);
    // Decoded whatever is wanted: a bad cursor is refused the same way for every selection.
    const after = request.after === undefined ? undefined : decodeSearchCursor(signature, request.after, plan.sort);
    const countsWanted = wants.totalCount || wants.facets.length > 0;
    const [rows, facetRows] = await Promise.all([
      wants.page ? this.page(plan, text, filter, request.first, after) : Promise.resolve([]),
      countsWanted ? this.facetRows(plan, filter, wants.facets) : Promise.resolve(undefined),
    ]);
    const total = facetRows?.find((r) => r.facet === 'total')?.n ?? 0;
    return {
      page: {
        edges: rows.slice(0, request.first).map((row) => ({ cursor: encodeSearchCursor(signature, { key: row.key, id: row.id }), node: toHit(row) })),
        hasNextPage: rows.length > request.first,
        totalCount: facetRows === undefined ? () => this.search(text, filter, request, TOTAL_ONLY).then((r) => r.page.totalCount()) : () => Promise.resolve(total),
      },
      facets: toFacets(facetRows ?? []),
    };
  }

  private page(plan: SearchPlan, text: string, filter: WorkFilter | undefined, first: number, after: SearchCursor | undefined): Promise<SearchPageRow[]> {
    const params = new SqlParams();
    const sql = searchPageSql(plan, bonusText(text), filter, first, after, params);
    return this.rows<SearchPageRow>('search.page', sql, params.values);
  }

  /** The total and the facets asked for, in one statement (searchFacetsSql). */
  private facetRows(plan: SearchPlan, filter: WorkFilter | undefined, facets: readonly FacetName[]): Promise<SearchFacetRow[]> {
    const params = new SqlParams();
    const sql = searchFacetsSql(plan, splitFacetFilter(filter), params, facets);
    return this.rows<SearchFacetRow>('search.facets', sql, params.values);
  }

  async groupBy(text: string, filter: WorkFilter | undefined, request: WorkGroupRequest): Promise<WorkGroupsResult> {
    const params = new SqlParams();
    const sql = workGroupSql(searchPlan(text, []), filter, request, params);
    const rows = await this.rows<WorkGroupRow>('search.groupBy', sql, params.values);
    const total = rows.find((r) => r.kind === 'total')?.n ?? 0;
    const valued = rows.find((r) => r.kind === 'valued')?.n;
    const known = rows
      .filter((r) => r.kind === 'group')
      .sort((a, b) => a.ord - b.ord)
      .map((r) => ({ key: r.key, count: r.n }));
    return { totalCount: total, groups: withUnknownGroup(known, valued === undefined ? undefined : total - valued, request.first) };
  }

  async autocomplete(words: AutocompleteWords, first: number): Promise<Suggestion[]> {
    if (first <= 0) return [];
    const params = new SqlParams();
    const sql = autocompleteWorksSql(words, first, params);
    const rows = await this.rows<{ id: string; title: string }>('search.autocomplete', sql, params.values);
    return rows.map((r) => ({ workId: r.id, title: r.title }));
  }

  async suggest(kind: SuggestionKind, words: AutocompleteWords, first: number): Promise<EntitySuggestion[]> {
    if (first <= 0) return [];
    const params = new SqlParams();
    const sql = suggestEntitiesSql(kind, words, first, params);
    const rows = await this.rows<{ id: string; display_name: string }>(`search.suggest.${kind}`, sql, params.values);
    return rows.map((r) => ({ id: r.id, displayName: r.display_name }));
  }

  private rows<Row extends object>(operation: string, sql: string, params: readonly SqlParam[]): Promise<Row[]> {
    return this.policy.execute(operation, () => this.db.query<Row>(sql, params));
  }
}

function toHit(row: SearchPageRow): SearchHit {
  const highlights: SearchHighlightRecord[] = [];
  const title = markedSnippets(row.title_hl, row.title);
  if (title.length > 0) highlights.push({ field: 'title', snippets: title });
  const abstract = markedSnippets(row.abstract_hl, row.abstract);
  if (abstract.length > 0) highlights.push({ field: 'abstract', snippets: abstract });
  return { workId: row.id, score: Number(row.score), highlights };
}

function toFacets(rows: readonly SearchFacetRow[]): SearchFacets {
  const buckets = (facet: SearchFacetRow['facet']): FacetBucketRecord[] =>
    rows
      .filter((r) => r.facet === facet && r.value !== null)
      .sort((a, b) => a.ord - b.ord)
      .map((r) => ({ value: r.value as string, count: r.n }));
  return { publicationYear: buckets('year'), type: buckets('type'), isOpenAccess: buckets('oa'), topic: buckets('topic') };
}
