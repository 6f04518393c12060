import type { CitationDirection, SubgraphDirection } from '../../CitationGraph';
import { keyColumnsSql, type KeysetOrder, orderBySql } from './keyset';
import { assertNever } from '../../../src/core/assertNever';
import type { CitationDepth } from '../../../src/core/domain/citationDepth';

/**
 * SQL of the citation graph over `work_references` (citing_id → cited_id; cited_id may be a work that is not
 * loaded). Every text here is fixed: ids, depths, limits and cursor values are bound parameters.
 */

/** References of a work, in the order its `referenced_work_ids` lists them (1-based array position). */
export const REFERENCE_POSITION = `COALESCE(array_position(w.referenced_work_ids, r.cited_id), 0)`;

/** Keyset order of a references page: the position in the citing work's reference list. */
export const REFERENCES_ORDER: KeysetOrder = {
  keys: [{ expr: REFERENCE_POSITION, desc: false, cast: 'integer' }],
  signature: 'references',
};

/** Keyset order of a citation walk: depth, then the reached work's id in byte order. */
export function traverseOrder(direction: CitationDirection, depth: 1 | 2 | 3): KeysetOrder {
  return {
    keys: [
      { expr: 't.depth', desc: false, cast: 'integer' },
      { expr: 't.id COLLATE "C"', desc: false, cast: 'text' },
    ],
    signature: `citations:${direction}:${depth}`,
  };
}

/** Per cited work (loaded): the number of loaded works citing it. `$1` = ids. */
export const COUNT_CITED_BY_SQL = `SELECT r.cited_id AS id, count(*)::integer AS n
  FROM work_references r JOIN works t ON t.id = r.cited_id
  WHERE r.cited_id = ANY($1::text[]) GROUP BY r.cited_id`;

/** Per citing work: the number of its referenced works that are loaded. `$1` = ids. */
export const COUNT_REFERENCES_SQL = `SELECT r.citing_id AS id, count(*)::integer AS n
  FROM work_references r JOIN works c ON c.id = r.cited_id
  WHERE r.citing_id = ANY($1::text[]) GROUP BY r.citing_id`;

/**
 * Co-authors of each author on loaded works (authorships only exist for loaded works), most shared works
 * first, then id; the first `$2` of each. `$1` = author ids.
 */
/**
 * Co-authors in the order of `Author.coauthors`: most shared works first, then id. The same signature and key types
 * on both backends (Neo4j's keys are Cypher expressions of the same values), so a cursor means the same everywhere.
 */
export const COAUTHOR_ORDER: KeysetOrder = {
  keys: [
    { expr: 'count(DISTINCT a.work_id)', desc: true, cast: 'integer' },
    { expr: 'b.author_id COLLATE "C"', desc: false, cast: 'text' },
  ],
  signature: 'coauthors',
};

/**
 * Per author in `ids` (a bound text[]): its co-authors after the cursor condition `having` (over COAUTHOR_ORDER's
 * aggregate keys), the first `limit` (a bound integer) of each, with their keys as _k0, _k1.
 */
export function coauthorsSql(ids: string, having: string, limit: string): string {
  return `SELECT _key, author_id, shared_works, _k0, _k1 FROM (
    SELECT a.author_id AS _key, b.author_id AS author_id, count(DISTINCT a.work_id)::integer AS shared_works, ${keyColumnsSql(COAUTHOR_ORDER)},
      row_number() OVER (PARTITION BY a.author_id ORDER BY ${orderBySql(COAUTHOR_ORDER)}) AS _rank
    FROM authorships a JOIN authorships b ON b.work_id = a.work_id AND b.author_id <> a.author_id
    WHERE a.author_id = ANY(${ids})
    GROUP BY a.author_id, b.author_id
    HAVING ${having}
  ) ranked WHERE _rank <= ${limit} ORDER BY _key, _rank`;
}

/** Per author in `$1`: the number of distinct co-authors. */
export const COUNT_COAUTHORS_SQL = `SELECT a.author_id AS id, count(DISTINCT b.author_id)::integer AS n
  FROM authorships a JOIN authorships b ON b.work_id = a.work_id AND b.author_id <> a.author_id
  WHERE a.author_id = ANY($1::text[]) GROUP BY a.author_id`;

/**
 * The next step of a walk, from the works of the previous level (`reach p`) to their neighbours `r.<next>`,
 * which must be loaded. Column names come from this closed switch, never from input.
 */
function stepColumns(direction: CitationDirection): { readonly from: string; readonly next: string } {
  switch (direction) {
    case 'CITED_BY':
      return { from: 'cited_id', next: 'citing_id' };
    case 'REFERENCES':
      return { from: 'citing_id', next: 'cited_id' };
    default:
      return assertNever(direction);
  }
}

/**
 * CTEs of a bounded breadth-first walk from `start` (a bound `$n::text`, a loaded work) over `depth` levels, ending
 * in `walk(id, depth, pred)`: each loaded work once at its shortest depth, with the smallest-id predecessor one level
 * up — at most `limit` (a bound `$n::integer`) of them, the first in the order depth, then id (byte order). One CTE
 * per level (the number of levels is the validated depth, never input text): level k joins the works of level k − 1
 * to their neighbours, drops those of earlier levels, and keeps the smallest ids up to what the earlier levels left of
 * `limit` — so a level is only expanded when every earlier one was kept whole, and no level holds more than `limit`
 * works. Each level is one index range per work of the level before (work_references' primary key or its
 * `cited_id` index).
 */
export function boundedWalkCtes(direction: CitationDirection, start: string, depth: CitationDepth, limit: string): string {
  const { from, next } = stepColumns(direction);
  const levels = Array.from({ length: depth }, (_, i) => i + 1);
  const level = (k: number) => {
    const earlier = levels.filter((j) => j < k);
    const unseen = earlier.map((j) => ` AND r.${next} NOT IN (SELECT id FROM l${j})`).join('');
    const left = earlier.length === 0 ? limit : `greatest(${limit} - (${earlier.map((j) => `(SELECT count(*) FROM l${j})`).join(' + ')}), 0)`;
    return `l${k} AS (
      SELECT r.${next} AS id, ${k} AS depth, min(r.${from} COLLATE "C") AS pred
      FROM l${k - 1} p JOIN work_references r ON r.${from} = p.id JOIN works n ON n.id = r.${next}
      WHERE r.${next} <> ${start}${unseen}
      GROUP BY r.${next}
      ORDER BY r.${next} COLLATE "C"
      LIMIT ${left}
    )`;
  };
  return `WITH l0 AS (SELECT w.id FROM works w WHERE w.id = ${start}),
    ${levels.map(level).join(',\n    ')},
    walk AS (${levels.map((k) => `SELECT id, depth, pred FROM l${k}`).join(' UNION ALL ')})`;
}

/** Maps a walk row to the citing and cited ids of its edge. */
export function edgeOf(direction: CitationDirection, reached: string, pred: string): { citingId: string; citedId: string } {
  switch (direction) {
    case 'CITED_BY':
      return { citingId: reached, citedId: pred };
    case 'REFERENCES':
      return { citingId: pred, citedId: reached };
    default:
      return assertNever(direction);
  }
}


/**
 * The loaded-or-not neighbours `next` of the work `p.id` one step in `direction`, as a LATERAL subquery (BOTH: a
 * citing work or a cited one; a recursive CTE may name itself only once, hence one subquery for both). Fixed text
 * from a closed switch.
 */
function neighbourSql(direction: SubgraphDirection): string {
  const citing = `SELECT r.citing_id AS next FROM work_references r WHERE r.cited_id = p.id`;
  const cited = `SELECT r.cited_id AS next FROM work_references r WHERE r.citing_id = p.id`;
  switch (direction) {
    case 'CITED_BY':
      return citing;
    case 'REFERENCES':
      return cited;
    case 'BOTH':
      return `${citing} UNION ALL ${cited}`;
    default:
      return assertNever(direction);
  }
}

/**
 * A subgraph's works: the loaded works within `depth` steps of `start` in `direction` (the start at depth 0), each
 * at its shortest depth with its OpenAlex cited-by count and the size of the whole neighbourhood (`total`), in the
 * cap's order (depth, cited-by count descending, id in byte order: datasources/shared/subgraphOrder.ts), the first
 * `limit`. `start`, `depth`, `limit`: bound parameters.
 */
export function subgraphNodesSql(direction: SubgraphDirection, start: string, depth: string, limit: string): string {
  return `WITH RECURSIVE reach(id, depth) AS (
      SELECT w.id, 0 FROM works w WHERE w.id = ${start}
      UNION
      SELECT n.id, p.depth + 1
      FROM reach p CROSS JOIN LATERAL (${neighbourSql(direction)}) e JOIN works n ON n.id = e.next
      WHERE p.depth < ${depth}
    ),
    shortest AS (SELECT id, min(depth) AS depth FROM reach GROUP BY id)
    SELECT s.id, s.depth, w.cited_by_count, (count(*) OVER ())::integer AS total
    FROM shortest s JOIN works w ON w.id = s.id
    ORDER BY s.depth, w.cited_by_count DESC, s.id COLLATE "C"
    LIMIT ${limit}`;
}

/** Every citation between two works of `$1` (ids), each once, citing then cited id in byte order. */
export const SUBGRAPH_EDGES_SQL = `SELECT r.citing_id, r.cited_id FROM work_references r
  WHERE r.citing_id = ANY($1::text[]) AND r.cited_id = ANY($1::text[])
  ORDER BY r.citing_id COLLATE "C", r.cited_id COLLATE "C"`;
