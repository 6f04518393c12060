import neo4j from 'neo4j-driver';
import type { CitationDirection, SubgraphDirection } from '../CitationGraph';
import { decodeCursor, type KeysetOrder, type SortKeySql } from '../postgres/sql/keyset';
import type { WorkSortKey } from '../types';
import { assertNever } from '../../src/core/assertNever';

/**
 * Cypher of the citation graph (model: see Neo4jProjection.ts). Every text is fixed or assembled from the
 * constants below; ids, limits and cursor values always travel as `$parameters`. Keyset orders reuse the
 * cursor format of the PostgreSQL datasource (`KeysetOrder`, here with Cypher expressions over `c`), with the
 * same signatures, so a cursor means the same thing on both backends.
 */

export type Params = Record<string, unknown>;

/** Sort keys over the citing work `c`; every expression is null-free, as keyset paging needs. */
const WORK_SORT_KEYS: Record<WorkSortKey, SortKeySql> = {
  CITED_BY_COUNT_DESC: { expr: 'c.citedByCount', desc: true, cast: 'integer' },
  CITED_BY_COUNT_ASC: { expr: 'c.citedByCount', desc: false, cast: 'integer' },
  // Unknown dates sort as the earliest possible date (ISO strings order as dates), as in PostgreSQL.
  // A cursor's date is checked as a calendar date, as PostgreSQL's is (same cast, so a cursor means the same on both);
  // Neo4j holds the ISO text, whose order is the date order, and compares it as text.
  PUBLICATION_DATE_DESC: { expr: "coalesce(c.publicationDate, '0001-01-01')", desc: true, cast: 'date' },
  PUBLICATION_DATE_ASC: { expr: "coalesce(c.publicationDate, '0001-01-01')", desc: false, cast: 'date' },
  TITLE_ASC: { expr: "toLower(coalesce(c.title, ''))", desc: false, cast: 'text' },
  TITLE_DESC: { expr: "toLower(coalesce(c.title, ''))", desc: true, cast: 'text' },
};

/** The keyset order of citing works for sort keys (duplicates dropped), ending with the id. */
export function citingWorkOrder(sort: readonly WorkSortKey[]): KeysetOrder {
  const unique = [...new Set(sort)];
  return { keys: [...unique.map((s) => WORK_SORT_KEYS[s]), { expr: 'c.id', desc: false, cast: 'text' }], signature: `work:${unique.join(',')}` };
}

/** References of a work in the order it cites them: the `position` of the CITES relationship `r`. */
export const REFERENCES_ORDER: KeysetOrder = { keys: [{ expr: 'r.position', desc: false, cast: 'integer' }], signature: 'references' };

/** `ORDER BY` items of an order. */
export function orderByCypher(order: KeysetOrder): string {
  return order.keys.map((k) => `${k.expr} ${k.desc ? 'DESC' : 'ASC'}`).join(', ');
}

/** A list expression of the order's key values, returned with each row to build its cursor. */
export function keyListCypher(order: KeysetOrder): string {
  return `[${order.keys.map((k) => k.expr).join(', ')}]`;
}

/**
 * The condition "row comes after the cursor" (`true` without one): (k0 ≷ $after0) OR (k0 = $after0 AND k1 ≷
 * $after1) OR …; the values go to `params` (integers as Neo4j integers). A cursor for another order, or one
 * whose values do not fit their keys (decodeCursor: 32-bit integers, storable text), is a BAD_USER_INPUT on `after`.
 */
export function afterCursorCypher(order: KeysetOrder, after: string | undefined, params: Params): string {
  if (after === undefined) return 'true';
  const values = decodeCursor(order, after);
  const names = order.keys.map((key, i) => {
    // decodeCursor checked each value against its key's type (32-bit integers, storable text).
    const value = values[i];
    params[`after${i}`] = key.cast === 'integer' ? neo4j.int(value as number) : value;
    return `$after${i}`;
  });
  const disjuncts = order.keys.map((key, i) => {
    const equalities = order.keys.slice(0, i).map((k, j) => `${k.expr} = ${names[j]}`);
    return [...equalities, `${key.expr} ${key.desc ? '<' : '>'} ${names[i]}`].join(' AND ');
  });
  return `(${disjuncts.map((d) => `(${d})`).join(' OR ')})`;
}

/**
 * Per loaded work in `$ids`: the loaded works citing it — its CITES in-degree, which Neo4j reads from the node's
 * relationship counts without visiting the citers (only loaded works have outgoing CITES: the projection draws them
 * from loaded works and drops them before a work is unloaded; PostgreSQL's count holds the same for work_references).
 */
export const COUNT_CITED_BY = `UNWIND $ids AS id
MATCH (w:Work {id: id}) WHERE w.loaded
RETURN id, COUNT { (w)<-[:CITES]-() } AS n`;

/** Per loaded work in `$ids`: its loaded references. */
export const COUNT_REFERENCES = `UNWIND $ids AS id
MATCH (w:Work {id: id}) WHERE w.loaded
RETURN id, COUNT { (w)-[:CITES]->(c:Work) WHERE c.loaded } AS n`;

/** Per loaded work in `$ids`: the first `$limit` loaded citing works `c` after the cursor, in `order`. */
export function citedByCypher(order: KeysetOrder, keyset: string): string {
  return `UNWIND $ids AS id
MATCH (w:Work {id: id}) WHERE w.loaded
CALL (w) {
  MATCH (c:Work)-[:CITES]->(w)
  WHERE c.loaded AND ${keyset}
  WITH c ORDER BY ${orderByCypher(order)} LIMIT $limit
  RETURN collect({id: c.id, keys: ${keyListCypher(order)}}) AS rows
}
RETURN id, rows`;
}

/** The name of the range index over `Work.citedByCount` (created by Neo4jProjection's ensureSchema). */
export const CITED_BY_COUNT_INDEX = 'work_cited_by_count';

/** The state of that index (`ONLINE` once built; a graph from before it gains it in the background). */
export const CITED_BY_COUNT_INDEX_STATE = `SHOW INDEXES YIELD name, state WHERE name = '${CITED_BY_COUNT_INDEX}' RETURN state`;

/** The work's CITES in-degree and the number of Work nodes, stubs included (both from Neo4j's counts, visiting nothing). */
export const CITERS_AND_WORKS = `MATCH (w:Work {id: $id}) WHERE w.loaded
CALL () { MATCH (n:Work) RETURN count(n) AS works }
RETURN COUNT { (w)<-[:CITES]-() } AS citers, works`;

/**
 * The first `$limit` works citing `$id` in an order led by `c.citedByCount` (`direction`), found by walking the
 * works' citedByCount index in that direction from the cursor's value (`$bound`, or the end) and probing, for each of
 * the first `$scan` works of that walk, whether it cites the work — instead of reading every citer's count. Answers
 * the rows, how many works were walked and the citedByCount of the last: the rows are the true page when the walk
 * ended before `$scan`, or when every row's count lies strictly beyond that last one (works of equal count may lie
 * past the walk, but none beyond it).
 */
export function citedByProbeCypher(order: KeysetOrder, keyset: string, direction: 'DESC' | 'ASC', bounded: boolean): string {
  const range = bounded ? `c.citedByCount ${direction === 'DESC' ? '<=' : '>='} $bound` : 'c.citedByCount IS NOT NULL';
  return `MATCH (w:Work {id: $id}) WHERE w.loaded
CALL () {
  MATCH (c:Work) USING INDEX c:Work(citedByCount)
  WHERE ${range}
  WITH c ORDER BY c.citedByCount ${direction} LIMIT $scan
  RETURN collect(c) AS walked
}
CALL (w, walked) {
  UNWIND walked AS c
  WITH c WHERE c.loaded AND ${keyset} AND EXISTS { (c)-[:CITES]->(w) }
  WITH c ORDER BY ${orderByCypher(order)} LIMIT $limit
  RETURN collect({id: c.id, keys: ${keyListCypher(order)}}) AS rows
}
RETURN rows, size(walked) AS walkedCount, walked[size(walked) - 1].citedByCount AS last`;
}

/** Per loaded work in `$ids`: the first `$limit` loaded works `c` it cites after the cursor, in citing order. */
export function referencesCypher(keyset: string): string {
  return `UNWIND $ids AS id
MATCH (w:Work {id: id}) WHERE w.loaded
CALL (w) {
  MATCH (w)-[r:CITES]->(c:Work)
  WHERE c.loaded AND ${keyset}
  WITH c, r ORDER BY ${orderByCypher(REFERENCES_ORDER)} LIMIT $limit
  RETURN collect({id: c.id, keys: ${keyListCypher(REFERENCES_ORDER)}}) AS rows
}
RETURN id, rows`;
}

/**
 * One breadth-first step: the loaded neighbours of the loaded works in `$frontier` not yet in `$visited`, each with
 * the smallest id of the frontier works it was reached from (`min`), the first `$limit` by id (ids are ASCII, so
 * Cypher's string order is PostgreSQL's byte order). The first step, from the start `$start` alone, has one
 * predecessor to give and nothing visited but the start, so it aggregates nothing (`DISTINCT` only guards: the
 * projection draws one CITES per pair) — at 1,000,000 works a hub's 238,217 citers took 0.46–0.73 s that way, 1.0–1.1 s
 * with the general step's aggregation. Citing works need no `loaded` test: only loaded works have outgoing CITES (see COUNT_CITED_BY).
 * Fixed texts per direction and step (exhaustive switch).
 */
export function walkStepCypher(direction: CitationDirection, step: 'first' | 'next'): string {
  const [pattern, neighbour] = stepPattern(direction);
  if (step === 'first') {
    return `MATCH ${pattern.replace('pid', '$start')}
WHERE p.loaded AND n <> p${neighbour}
RETURN DISTINCT n.id AS id, $start AS pred
ORDER BY id LIMIT $limit`;
  }
  return `UNWIND $frontier AS pid
MATCH ${pattern}
WHERE p.loaded AND NOT n.id IN $visited${neighbour}
WITH n.id AS id, min(pid) AS pred
ORDER BY id LIMIT $limit
RETURN id, pred`;
}

/** The pattern of a step from frontier work `p` (id `pid`) to neighbour `n`, and the test a neighbour still needs. */
function stepPattern(direction: CitationDirection): readonly [string, string] {
  switch (direction) {
    case 'CITED_BY':
      return ['(p:Work {id: pid})<-[:CITES]-(n)', ''];
    case 'REFERENCES':
      return ['(p:Work {id: pid})-[:CITES]->(n:Work)', ' AND n.loaded'];
    default:
      return assertNever(direction);
  }
}

/** Co-authors most shared works first, then id: COAUTHOR_ORDER of the PostgreSQL datasource, over a co-author entry `c`. */
export const COAUTHOR_ORDER: KeysetOrder = {
  keys: [
    { expr: 'c.sharedWorks', desc: true, cast: 'integer' },
    { expr: 'c.authorId', desc: false, cast: 'text' },
  ],
  signature: 'coauthors',
};

/**
 * Per author in `$ids`: co-authors on loaded works after the cursor condition `keyset` (over an entry `c`, see
 * COAUTHOR_ORDER), most shared works first, then id; the first `$limit`, and how many co-authors there are in all.
 */
export function coauthorsCypher(keyset: string): string {
  return `UNWIND $ids AS aid
MATCH (a:Author {id: aid})-[:AUTHORED]->(w:Work)<-[:AUTHORED]-(b:Author)
WHERE w.loaded AND b <> a
WITH aid, b.id AS coauthorId, count(DISTINCT w) AS shared
ORDER BY shared DESC, coauthorId
WITH aid, collect({authorId: coauthorId, sharedWorks: shared}) AS ranked
RETURN aid, size(ranked) AS total,
  [c IN ranked WHERE ${keyset}][0..$limit] AS top`;
}

/** A number from a Neo4j value (Integer, bigint or number). */
export function toNumber(value: unknown): number {
  if (neo4j.isInt(value)) return value.toNumber();
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'number') return value;
  throw new TypeError(`expected a Neo4j integer, got ${typeof value}`);
}

/** A cursor key value from Neo4j: integers become JS numbers, strings stay. */
export function toKeyValue(value: unknown): string | number {
  return typeof value === 'string' ? value : toNumber(value);
}


/** The start of a subgraph: the work `$id` when it is loaded, with its OpenAlex cited-by count. */
export const SUBGRAPH_START = `MATCH (w:Work {id: $id}) WHERE w.loaded
RETURN w.id AS id, w.citedByCount AS citedByCount`;

/**
 * One breadth-first step of a subgraph: the loaded works one CITES step from the works in `$frontier` (BOTH:
 * either way) that are not in `$visited`, each once, with its OpenAlex cited-by count. One fixed text per direction.
 */
export function subgraphStepCypher(direction: SubgraphDirection): string {
  const pattern = (() => {
    switch (direction) {
      case 'CITED_BY':
        return '(p:Work {id: pid})<-[:CITES]-(n:Work)';
      case 'REFERENCES':
        return '(p:Work {id: pid})-[:CITES]->(n:Work)';
      case 'BOTH':
        return '(p:Work {id: pid})-[:CITES]-(n:Work)';
      default:
        return assertNever(direction);
    }
  })();
  return `UNWIND $frontier AS pid
MATCH ${pattern}
WHERE n.loaded AND NOT n.id IN $visited
RETURN DISTINCT n.id AS id, n.citedByCount AS citedByCount`;
}

/** Every citation between two works of `$ids` (all loaded), each once. */
export const SUBGRAPH_EDGES = `UNWIND $ids AS id
MATCH (a:Work {id: id})-[:CITES]->(b:Work)
WHERE b.id IN $ids
RETURN DISTINCT a.id AS citingId, b.id AS citedId`;
