import { assertNever } from '../../../src/core/assertNever';
import { float4TextProblem, int4Problem, MAX_ID_KEY_LENGTH, textProblem } from '../../shared/cursorValues';
import { type FacetedFilter, type FacetName, FACET_NAMES } from '../../shared/facetFilters';
import type { SearchPlan } from '../../shared/searchPlan';
import { decodeSignedCursor, encodeSignedCursor } from '../../shared/signedCursor';
import { type SnippetPiece, snippetHtml } from '../../shared/snippetHtml';
import type { SearchSortKey, WorkFilter } from '../../types';
import { searchMatchSql, searchTsquerySql, searchWords } from './searchQuerySql';
import type { SqlParams } from './SqlParams';
import { workFilterSql } from './workSql';

/**
 * SQL of PostgresSearchIndex. The user's text is only ever a bound parameter: each term of the parsed query
 * (searchQuery.ts) is a `plainto_tsquery` / `phraseto_tsquery` of a `$n` (searchQuerySql), combined by fixed
 * operators (autocomplete is autocompleteSql.ts). Words are those
 * of the `simple` configuration (migration 002): lowercased, not stemmed, no stop words.
 */

/** The text-search configuration of `works.search_vector`. */
export const TS_CONFIG = 'simple';

const words = searchWords;

/**
 * Highlight markers ts_headline writes around matched terms, and between fragments: private-use characters. A text
 * may hold them too, so the headline never sees the text's own: `headlineInput` blanks them (one for one, so that
 * positions stay) and `markedSnippets` takes every character of a snippet back from the original text.
 */
export const MARK_START = '\uE000';
export const MARK_STOP = '\uE001';
const FRAGMENT_DELIMITER = '\uE002';

/**
 * The characters of a text the headline reads as blanks: the slash (a word separator, migration 002), `<` and `>`
 * (PostgreSQL's parser reads `<b>` as an HTML tag, which ts_headline's fragments replace with a space, so a fragment
 * would no longer be a piece of the text; blanked, a tag's name is a plain word) and the three markers.
 */
const HEADLINE_BLANKED = ['/', '<', '>', MARK_START, MARK_STOP, FRAGMENT_DELIMITER];
// The same in SQL, as code constants (chr() of the code points; never user text).
const HEADLINE_BLANKED_SQL = HEADLINE_BLANKED.map((c) => `chr(${c.codePointAt(0) as number})`).join(' || ');

/** A column as ts_headline should read it: HEADLINE_BLANKED as spaces, one for one (positions stay). */
const headlineInput = (sql: string) => `translate(${sql}, ${HEADLINE_BLANKED_SQL}, '${' '.repeat(HEADLINE_BLANKED.length)}')`;

// Titles are highlighted whole; abstracts as up to three fragments around the matches.
const TITLE_HEADLINE = `StartSel=${MARK_START}, StopSel=${MARK_STOP}, HighlightAll=true`;
const ABSTRACT_HEADLINE = `StartSel=${MARK_START}, StopSel=${MARK_STOP}, MaxFragments=3, MaxWords=30, MinWords=12, FragmentDelimiter=${FRAGMENT_DELIMITER}`;

/** Most buckets a facet returns (years and types are few; topics are cut to the 20 most frequent). */
export const FACET_LIMITS = { publicationYear: 1000, type: 100, isOpenAccess: 2, topic: 20 } as const;

/**
 * Relevance: ts_rank over the weighted vector (title A = 1.0, abstract B = 0.4; normalization 1 divides by
 * 1 + log(length), so shorter works rank higher, as with BM25; in practice below 1) plus a tier bonus: 2 when the
 * title is the query word for word (equal tsvectors), 1 when the title holds the query as a phrase. So a
 * pasted title finds its work first. Cast to real so the cursor, which carries the score as text, compares
 * exactly.
 */
const SCORE_SQL = `(ts_rank(w.search_vector, q.tsq, 1)
  + CASE WHEN t.vector = q.exact THEN 2 WHEN t.vector @@ q.phrase THEN 1 ELSE 0 END)::real`;

/** How one search order reads in SQL: the key of row `w` (null-free) and its direction and type. */
interface SearchOrderSql {
  readonly expr: string;
  readonly desc: boolean;
  readonly cast: 'real' | 'integer' | 'text';
}

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/**
 * A search order's key, the same order as Elasticsearch's (elasticSearchOrder): relevance; the cited-by count;
 * the ISO date with unknown dates as 0001-01-01; the title with A–Z lowercased (asciiLowercase) in byte order.
 * The id follows every key.
 */
export function searchOrderSql(key: SearchSortKey): SearchOrderSql {
  switch (key) {
    case 'RELEVANCE':
      return { expr: SCORE_SQL, desc: true, cast: 'real' };
    case 'CITED_BY_COUNT_DESC':
    case 'CITED_BY_COUNT_ASC':
      return { expr: 'w.cited_by_count', desc: key === 'CITED_BY_COUNT_DESC', cast: 'integer' };
    case 'PUBLICATION_DATE_DESC':
    case 'PUBLICATION_DATE_ASC':
      return { expr: "COALESCE(w.publication_date, DATE '0001-01-01')::text", desc: key === 'PUBLICATION_DATE_DESC', cast: 'text' };
    case 'TITLE_ASC':
    case 'TITLE_DESC':
      return { expr: `translate(COALESCE(w.title, ''), '${UPPER}', '${UPPER.toLowerCase()}')`, desc: key === 'TITLE_DESC', cast: 'text' };
    default:
      return assertNever(key);
  }
}

/** `s.k` as ORDER BY and comparisons read it: text in byte order whatever the cluster's collation. */
const keyOf = (order: SearchOrderSql) => (order.cast === 'text' ? 's.k COLLATE "C"' : 's.k');

/** Where the search row `s` comes after the cursor (key in the order's direction, then id asc). */
function afterSql(order: SearchOrderSql, after: SearchCursor, params: SqlParams): string {
  const value = params.add(after.key, order.cast);
  const k = keyOf(order);
  return `(${k} ${order.desc ? '<' : '>'} ${value} OR (${k} = ${value} AND s.id COLLATE "C" > ${params.add(after.id, 'text')}))`;
}

/**
 * One page of hits (first + 1 rows), in the plan's order: every match is keyed and sorted as (id, key) only;
 * titles and abstracts are read (and highlighted, when the query has terms) for the page's rows alone. Columns:
 * id, score (text), key (the sort value, as the cursor carries it), title, abstract and their headlines (of the
 * text with slashes and markers blanked: `markedSnippets` takes the characters back from the original).
 */
export function searchPageSql(plan: SearchPlan, bonus: string, filter: WorkFilter | undefined, first: number, after: SearchCursor | undefined, params: SqlParams): string {
  const order = searchOrderSql(plan.sort);
  const match = plan.canMatch ? searchMatchSql(plan.query, params) : 'FALSE';
  const where = workFilterSql(filter, params);
  const tsquery = plan.ranked ? searchTsquerySql(plan.query, params) : undefined;
  const ranked = tsquery !== undefined;
  const score = ranked ? SCORE_SQL : '0::real';
  const q = ranked
    ? `q AS (
      SELECT ${tsquery} AS tsq, phraseto_tsquery('${TS_CONFIG}'::regconfig, ${words(params.add(bonus, 'text'))}) AS phrase,
        to_tsvector('${TS_CONFIG}'::regconfig, ${words(params.add(bonus, 'text'))}) AS exact
    ),`
    : '';
  const keyset = after === undefined ? 'TRUE' : afterSql(order, after, params);
  const limit = params.add(first + 1, 'integer');
  const from = ranked
    ? `works w CROSS JOIN q
          CROSS JOIN LATERAL (SELECT to_tsvector('${TS_CONFIG}'::regconfig, ${words("COALESCE(w.title, '')")}) AS vector) t`
    : 'works w';
  const orderBy = `${keyOf(order)} ${order.desc ? 'DESC' : 'ASC'}, s.id COLLATE "C"`;
  const headlines = ranked
    ? `ts_headline('${TS_CONFIG}'::regconfig, ${headlineInput('hw.title')}, q.tsq, ${params.add(TITLE_HEADLINE, 'text')}) AS title_hl,
      ts_headline('${TS_CONFIG}'::regconfig, ${headlineInput('hw.abstract')}, q.tsq, ${params.add(ABSTRACT_HEADLINE, 'text')}) AS abstract_hl`
    : 'NULL::text AS title_hl, NULL::text AS abstract_hl';
  return `WITH ${q}
    page AS (
      SELECT s.* FROM (
        SELECT w.id, ${score} AS score, ${order.cast === 'real' ? score : order.expr} AS k
        FROM ${from}
        WHERE ${match} AND ${where}
      ) s
      WHERE ${keyset}
      ORDER BY ${orderBy}
      LIMIT ${limit}
    )
    SELECT s.id, s.score::text AS score, ${order.cast === 'real' ? 's.k::text' : 's.k'} AS key, hw.title, hw.abstract,
      ${headlines}
    FROM page s JOIN works hw ON hw.id = s.id${ranked ? ' CROSS JOIN q' : ''}
    ORDER BY ${orderBy}`;
}

export interface SearchPageRow {
  readonly id: string;
  readonly score: string;
  /** The sort value: the score as text (relevance), the count, or the text key. */
  readonly key: string | number;
  readonly title: string | null;
  readonly abstract: string | null;
  readonly title_hl: string | null;
  readonly abstract_hl: string | null;
}

/** Columns of the matches marking whether each facet's own condition holds (`f_<facet>`). */
function facetFlagsSql(split: FacetedFilter, params: SqlParams): string {
  return FACET_NAMES.map((f) => `(${split.own[f] === undefined ? 'TRUE' : workFilterSql(split.own[f], params)}) AS f_${f}`).join(', ');
}

/** The condition a facet's counts (or, for undefined, the total) obey over `m`: the other facets' own conditions. */
function facetScope(facet: FacetName | undefined, split: FacetedFilter): string {
  const others = FACET_NAMES.filter((f) => f !== facet && split.own[f] !== undefined);
  return others.length === 0 ? 'TRUE' : others.map((f) => `f_${f}`).join(' AND ');
}

/** Each facet's counts over `m` (the rows of `searchFacetsSql`), within the facet's scope. */
function facetCountSql(facet: FacetName, split: FacetedFilter): string {
  switch (facet) {
    case 'publicationYear':
      return `SELECT 'year', publication_year::text, count(*)::integer, row_number() OVER (ORDER BY publication_year DESC)::integer
      FROM m WHERE publication_year IS NOT NULL AND ${facetScope('publicationYear', split)} GROUP BY publication_year
      ORDER BY publication_year DESC LIMIT ${FACET_LIMITS.publicationYear}`;
    case 'type':
      return `SELECT 'type', type, count(*)::integer, row_number() OVER (ORDER BY count(*) DESC, type COLLATE "C")::integer
      FROM m WHERE type IS NOT NULL AND ${facetScope('type', split)} GROUP BY type
      ORDER BY count(*) DESC, type COLLATE "C" LIMIT ${FACET_LIMITS.type}`;
    case 'isOpenAccess':
      return `SELECT 'oa', is_open_access::text, count(*)::integer, row_number() OVER (ORDER BY count(*) DESC, is_open_access)::integer
      FROM m WHERE ${facetScope('isOpenAccess', split)} GROUP BY is_open_access`;
    case 'topic':
      return `SELECT 'topic', wt.topic_id, count(*)::integer, row_number() OVER (ORDER BY count(*) DESC, wt.topic_id COLLATE "C")::integer
      FROM m JOIN work_topics wt ON wt.work_id = m.id WHERE ${facetScope('topic', split)} GROUP BY wt.topic_id
      ORDER BY count(*) DESC, wt.topic_id COLLATE "C" LIMIT ${FACET_LIMITS.topic}`;
    default:
      return assertNever(facet);
  }
}

/**
 * The total and the facets asked for (`facets`; none: the total alone) over the whole match set, in one statement,
 * multi-select: the matches of the query and the base filter are marked with whether each facet's own condition
 * holds; the total counts those that hold every one, a facet those that hold every other one. Rows: (facet,
 * value, n, ord) with facet 'total' | 'year' | 'type' | 'oa' | 'topic'; `ord` is the bucket's rank within its facet.
 * Only an asked-for topic facet joins work_topics.
 */
export function searchFacetsSql(plan: SearchPlan, split: FacetedFilter, params: SqlParams, facets: readonly FacetName[] = FACET_NAMES): string {
  const match = plan.canMatch ? searchMatchSql(plan.query, params) : 'FALSE';
  const where = workFilterSql(split.base, params);
  const flags = facetFlagsSql(split, params);
  const counts = FACET_NAMES.filter((f) => facets.includes(f)).map((f) => `
    UNION ALL (
      ${facetCountSql(f, split)}
    )`);
  // Materialized for the several counts that read it; a total alone lets the planner fold it into the count.
  return `WITH m AS ${counts.length > 0 ? 'MATERIALIZED ' : ''}(
      SELECT w.id, w.publication_year, w.type, w.is_open_access, ${flags}
      FROM works w
      WHERE ${match} AND ${where}
    )
    SELECT 'total' AS facet, NULL::text AS value, count(*)::integer AS n, 0 AS ord FROM m WHERE ${facetScope(undefined, split)}${counts.join('')}`;
}

export interface SearchFacetRow {
  readonly facet: 'total' | 'year' | 'type' | 'oa' | 'topic';
  readonly value: string | null;
  readonly n: number;
  readonly ord: number;
}

/** Where a search page ends: the last hit's sort value (a score as PostgreSQL printed the real, a count, a text key) and id. */
export interface SearchCursor {
  readonly key: string | number;
  readonly id: string;
}

/** An opaque cursor bound to `signature`, holding the last hit's sort value and id. */
export function encodeSearchCursor(signature: string, cursor: SearchCursor): string {
  return encodeSignedCursor(signature, [cursor.key, cursor.id]);
}

function keyProblem(cast: SearchOrderSql['cast'], value: unknown): string | undefined {
  switch (cast) {
    case 'real': {
      const problem = float4TextProblem(value);
      return problem === undefined ? undefined : `the last hit's score ${problem}`;
    }
    case 'integer':
    case 'text': {
      const problem = cast === 'integer' ? int4Problem(value) : textProblem(value);
      return problem === undefined ? undefined : `the last hit's sort value ${problem}`;
    }
    default:
      return assertNever(cast);
  }
}

/**
 * Reads a cursor made by `encodeSearchCursor` for the same signature and order: a relevance score must be a decimal
 * literal that PostgreSQL reads as a `real` (not `""`, `" "`, `0b1` or `1e39`, which JavaScript's Number() would
 * pass), a count an int4, a text key storable text, the id storable text. Anything else is BAD_USER_INPUT on `after`.
 */
export function decodeSearchCursor(signature: string, after: string, sort: SearchSortKey = 'RELEVANCE'): SearchCursor {
  const cast = searchOrderSql(sort).cast;
  return decodeSignedCursor<SearchCursor>(signature, after, (values) => {
    const [key, id] = values;
    if (values.length !== 2) return { problem: `it holds ${values.length} sort value(s), a search has 2 (${cast === 'real' ? 'score' : 'sort key'}, id)` };
    const problem = keyProblem(cast, key);
    if (problem !== undefined) return { problem };
    const idProblem = textProblem(id, MAX_ID_KEY_LENGTH);
    if (idProblem !== undefined) return { problem: `the last hit's id ${idProblem}` };
    return { value: { key: key as string | number, id: id as string } };
  });
}

/** The original text as the headline read it (headlineInput): HEADLINE_BLANKED as spaces. */
function blanked(original: string): string {
  let out = original;
  for (const c of HEADLINE_BLANKED) out = out.replaceAll(c, ' ');
  return out;
}

/**
 * One fragment of ts_headline output as pieces of the original text: the markers (all ts_headline's own, since
 * the text's were blanked) say what is highlighted; every other character is taken, position for position, from
 * `original` where the fragment is found in it (its slashes and marker characters included), else from the fragment.
 */
function piecesOf(fragment: string, original: string | null): SnippetPiece[] {
  const plain = fragment.replaceAll(MARK_START, '').replaceAll(MARK_STOP, '');
  const at = original == null ? -1 : blanked(original).indexOf(plain);
  const pieces: SnippetPiece[] = [];
  let text = '';
  let highlighted = false;
  let k = at;
  for (let i = 0; i < fragment.length; i++) {
    const c = fragment[i] as string;
    if (c === MARK_START || c === MARK_STOP) {
      pieces.push({ text, highlighted });
      text = '';
      highlighted = c === MARK_START;
    } else {
      text += at >= 0 && original != null ? (original[k++] as string) : c;
    }
  }
  pieces.push({ text, highlighted });
  return pieces;
}

/**
 * ts_headline output as safe HTML snippets (snippetHtml, the rule both backends share): split into fragments,
 * each read back from `original` and rendered with its matched terms in <em>…</em>. Only fragments with at least
 * one highlighted term are kept.
 */
export function markedSnippets(marked: string | null, original: string | null = null): string[] {
  if (marked == null) return [];
  return marked.split(FRAGMENT_DELIMITER).flatMap((fragment) => {
    const html = snippetHtml(piecesOf(fragment, original));
    return html === undefined ? [] : [html];
  });
}
