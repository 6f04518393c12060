import { float4TextProblem, MAX_ID_KEY_LENGTH, textProblem } from '../../shared/cursorValues';
import { decodeSignedCursor, encodeSignedCursor } from '../../shared/signedCursor';
import type { WorkFilter } from '../../types';
import type { SqlParams } from './SqlParams';
import { workFilterSql } from './workSql';

/**
 * SQL of PostgresSearchIndex. The user's text is only ever a bound parameter: `plainto_tsquery` reads it as
 * plain words (no operators), and the autocomplete prefix becomes one quoted tsquery lexeme (`tsqueryPrefix`).
 * Words are those of the `simple` configuration (migration 002): lowercased, not stemmed, no stop words.
 */

/** The text-search configuration of `works.search_vector`. */
export const TS_CONFIG = 'simple';

/** Text as the search vector reads it: slashes as spaces (migration 002), so `oil/water` is two words. */
const words = (sql: string) => `translate(${sql}, '/', ' ')`;

/**
 * Highlight markers, replaced by <em>…</em> after the snippet is HTML-escaped: private-use characters that
 * titles and abstracts do not contain. (Not control characters: Elasticsearch's highlighter trims those off
 * a fragment's ends, as Java's String.trim does, and would lose a closing marker.)
 */
export const MARK_START = '\uE000';
export const MARK_STOP = '\uE001';
const FRAGMENT_DELIMITER = '\uE002';

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

/** Where the search row `s` comes after the cursor (score desc, id asc). */
function afterSql(after: SearchCursor, params: SqlParams): string {
  const score = params.add(after.score, 'real');
  return `(s.score < ${score} OR (s.score = ${score} AND s.id COLLATE "C" > ${params.add(after.id, 'text')}))`;
}

/** The query text as a bound parameter, NUL characters removed (PostgreSQL text cannot hold them). */
function queryParam(query: string, params: SqlParams): string {
  return words(params.add(query.replace(/\0/g, ''), 'text'));
}

/**
 * One page of hits (first + 1 rows) with highlights, best first: every match is scored and sorted as (id,
 * score) only; titles and abstracts are read and highlighted for the page's rows alone. Columns: id, score
 * (text), title, abstract and their headlines (of the slash-free text: `markedSnippets` puts the slashes back).
 */
export function searchPageSql(query: string, filter: WorkFilter | undefined, first: number, after: SearchCursor | undefined, params: SqlParams): string {
  const text = queryParam(query, params);
  const where = workFilterSql(filter, params);
  const keyset = after === undefined ? 'TRUE' : afterSql(after, params);
  const limit = params.add(first + 1, 'integer');
  const titleOptions = params.add(TITLE_HEADLINE, 'text');
  const abstractOptions = params.add(ABSTRACT_HEADLINE, 'text');
  return `WITH q AS (
      SELECT plainto_tsquery('${TS_CONFIG}'::regconfig, ${text}) AS tsq, phraseto_tsquery('${TS_CONFIG}'::regconfig, ${text}) AS phrase,
        to_tsvector('${TS_CONFIG}'::regconfig, ${text}) AS exact
    ),
    page AS (
      SELECT s.* FROM (
        SELECT w.id, ${SCORE_SQL} AS score
        FROM works w CROSS JOIN q
          CROSS JOIN LATERAL (SELECT to_tsvector('${TS_CONFIG}'::regconfig, ${words("COALESCE(w.title, '')")}) AS vector) t
        WHERE w.search_vector @@ q.tsq AND ${where}
      ) s
      WHERE ${keyset}
      ORDER BY s.score DESC, s.id COLLATE "C"
      LIMIT ${limit}
    )
    SELECT p.id, p.score::text AS score, hw.title, hw.abstract,
      ts_headline('${TS_CONFIG}'::regconfig, ${words('hw.title')}, q.tsq, ${titleOptions}) AS title_hl,
      ts_headline('${TS_CONFIG}'::regconfig, ${words('hw.abstract')}, q.tsq, ${abstractOptions}) AS abstract_hl
    FROM page p JOIN works hw ON hw.id = p.id CROSS JOIN q
    ORDER BY p.score DESC, p.id COLLATE "C"`;
}

export interface SearchPageRow {
  readonly id: string;
  readonly score: string;
  readonly title: string | null;
  readonly abstract: string | null;
  readonly title_hl: string | null;
  readonly abstract_hl: string | null;
}

/**
 * The total and every facet over the whole match set, in one statement. Rows: (facet, value, n, ord) with
 * facet 'total' | 'year' | 'type' | 'oa' | 'topic'; `ord` is the bucket's rank within its facet.
 */
export function searchFacetsSql(query: string, filter: WorkFilter | undefined, params: SqlParams): string {
  const text = queryParam(query, params);
  const where = workFilterSql(filter, params);
  return `WITH q AS (SELECT plainto_tsquery('${TS_CONFIG}'::regconfig, ${text}) AS tsq),
    m AS MATERIALIZED (
      SELECT w.id, w.publication_year, w.type, w.is_open_access
      FROM works w CROSS JOIN q
      WHERE w.search_vector @@ q.tsq AND ${where}
    )
    SELECT 'total' AS facet, NULL::text AS value, count(*)::integer AS n, 0 AS ord FROM m
    UNION ALL (
      SELECT 'year', publication_year::text, count(*)::integer, row_number() OVER (ORDER BY publication_year DESC)::integer
      FROM m WHERE publication_year IS NOT NULL GROUP BY publication_year
      ORDER BY publication_year DESC LIMIT ${FACET_LIMITS.publicationYear}
    )
    UNION ALL (
      SELECT 'type', type, count(*)::integer, row_number() OVER (ORDER BY count(*) DESC, type COLLATE "C")::integer
      FROM m WHERE type IS NOT NULL GROUP BY type
      ORDER BY count(*) DESC, type COLLATE "C" LIMIT ${FACET_LIMITS.type}
    )
    UNION ALL (
      SELECT 'oa', is_open_access::text, count(*)::integer, row_number() OVER (ORDER BY count(*) DESC, is_open_access)::integer
      FROM m GROUP BY is_open_access
    )
    UNION ALL (
      SELECT 'topic', wt.topic_id, count(*)::integer, row_number() OVER (ORDER BY count(*) DESC, wt.topic_id COLLATE "C")::integer
      FROM m JOIN work_topics wt ON wt.work_id = m.id GROUP BY wt.topic_id
      ORDER BY count(*) DESC, wt.topic_id COLLATE "C" LIMIT ${FACET_LIMITS.topic}
    )`;
}

export interface SearchFacetRow {
  readonly facet: 'total' | 'year' | 'type' | 'oa' | 'topic';
  readonly value: string | null;
  readonly n: number;
  readonly ord: number;
}

/**
 * Works with a title word starting with the prefix: one prefix lexeme restricted to weight A (the title's
 * lexemes) over the GIN index, most cited first, then id. `prefixLexeme` comes from `tsqueryPrefix`.
 */
export function autocompleteSql(prefixLexeme: string, first: number, params: SqlParams): string {
  return `SELECT w.id, w.title FROM works w
    WHERE w.search_vector @@ ${params.add(prefixLexeme, 'tsquery')} AND w.title IS NOT NULL
    ORDER BY w.cited_by_count DESC, w.id COLLATE "C"
    LIMIT ${params.add(first, 'integer')}`;
}

/**
 * The tsquery text matching title lexemes that start with `prefix`: the lowercased prefix as ONE quoted
 * lexeme (quotes doubled, backslashes escaped, so nothing in it is tsquery syntax) with `:*A`. `%`, `_` and
 * `\` are plain characters here (no LIKE); no lexeme of the `simple` parser contains them, so they match
 * nothing. Undefined when nothing is left to match.
 */
export function tsqueryPrefix(prefix: string): string | undefined {
  const word = prefix.replace(/\0/g, '').trim().toLowerCase();
  if (word.length === 0) return undefined;
  return `'${word.replace(/\\/g, '\\\\').replace(/'/g, "''")}':*A`;
}

/** Where a search page ends: the last hit's score (as PostgreSQL printed the real) and id. */
export interface SearchCursor {
  readonly score: string;
  readonly id: string;
}

/** An opaque cursor bound to `signature`, holding the last hit's score and id. */
export function encodeSearchCursor(signature: string, cursor: SearchCursor): string {
  return encodeSignedCursor(signature, [cursor.score, cursor.id]);
}

/**
 * Reads a cursor made by `encodeSearchCursor` for the same signature: the score must be a decimal literal that
 * PostgreSQL reads as a `real` (not `""`, `" "`, `0b1` or `1e39`, which JavaScript's Number() would pass), the id
 * storable text. Anything else is BAD_USER_INPUT on `after`.
 */
export function decodeSearchCursor(signature: string, after: string): SearchCursor {
  return decodeSignedCursor<SearchCursor>(signature, after, (values) => {
    const [score, id] = values;
    if (values.length !== 2) return { problem: `it holds ${values.length} sort value(s), a search has 2 (score, id)` };
    const scoreProblem = float4TextProblem(score);
    if (scoreProblem !== undefined) return { problem: `the last hit's score ${scoreProblem}` };
    const idProblem = textProblem(id, MAX_ID_KEY_LENGTH);
    if (idProblem !== undefined) return { problem: `the last hit's id ${idProblem}` };
    return { value: { score: score as string, id: id as string } };
  });
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * The fragment as it reads in `original`: ts_headline worked on the text with slashes turned into spaces,
 * one character for one, so the fragment (markers aside) is found there and its characters are taken back
 * from the original. Left as it is if it cannot be found.
 */
function restoreOriginal(marked: string, original: string | null): string {
  if (original == null || !original.includes('/')) return marked;
  const plain = marked.replaceAll(MARK_START, '').replaceAll(MARK_STOP, '');
  const at = original.replaceAll('/', ' ').indexOf(plain);
  if (at < 0) return marked;
  let out = '';
  let k = at;
  for (let i = 0; i < marked.length; i++) {
    const c = marked[i] as string;
    out += c === MARK_START || c === MARK_STOP ? c : (original[k++] as string);
  }
  return out;
}

/**
 * ts_headline output as safe HTML snippets: split into fragments, slashes restored from `original`, the text
 * HTML-escaped (titles hold markup such as `<sub>2</sub>`), then the markers turned into <em>…</em>. Only
 * fragments with at least one highlighted term are kept.
 */
export function markedSnippets(marked: string | null, original: string | null = null): string[] {
  if (marked == null) return [];
  return marked
    .split(FRAGMENT_DELIMITER)
    .map((s) => restoreOriginal(s, original).trim())
    .filter((s) => s.includes(MARK_START))
    .map((s) =>
      s
        .replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c)
        .replaceAll(MARK_START, '<em>')
        .replaceAll(MARK_STOP, '</em>'),
    );
}
