import { assertNever } from '../../../src/core/assertNever';
import type { WorkOwnerKind } from '../../types';

/**
 * A subquery of pairs `(work_id, owner)`: every loaded work of each owner in `ids` (a bound `text[]`
 * placeholder), each pair once. An author owns the works whose byline names it; a topic, those among whose topics
 * it is; a source, those published in it (primary location); an institution, those with a byline entry naming it.
 */
export function ownedWorksSql(owner: WorkOwnerKind, ids: string): string {
  switch (owner) {
    case 'author':
      return `SELECT DISTINCT work_id, author_id AS owner FROM authorships WHERE author_id = ANY(${ids})`;
    case 'topic':
      return `SELECT work_id, topic_id AS owner FROM work_topics WHERE topic_id = ANY(${ids})`;
    case 'source':
      return `SELECT id AS work_id, source_id AS owner FROM works WHERE source_id = ANY(${ids})`;
    case 'institution':
      return `SELECT DISTINCT x.work_id, i.owner FROM authorships x CROSS JOIN LATERAL unnest(x.institution_ids) AS i(owner)
        WHERE x.institution_ids && ${ids} AND i.owner = ANY(${ids})`;
    default:
      return assertNever(owner);
  }
}

/**
 * A subquery of triples `(owner, id, work_id)` ranking authors within topics, sources and institutions: the
 * attached authors of the owner's works — for an institution, the authors whose own byline entry names it.
 */
export function ownedAuthorsSql(owner: Exclude<WorkOwnerKind, 'author'>, ids: string): string {
  switch (owner) {
    case 'topic':
    case 'source':
      return `SELECT o.owner, a.author_id AS id, a.work_id FROM (${ownedWorksSql(owner, ids)}) o
        JOIN authorships a ON a.work_id = o.work_id WHERE a.author_id IS NOT NULL`;
    case 'institution':
      return `SELECT i.owner, x.author_id AS id, x.work_id FROM authorships x CROSS JOIN LATERAL unnest(x.institution_ids) AS i(owner)
        WHERE x.institution_ids && ${ids} AND i.owner = ANY(${ids}) AND x.author_id IS NOT NULL`;
    default:
      return assertNever(owner);
  }
}

/** Triples `(owner, id, work_id)`: the topics of each author's loaded works (`ids`: author ids). */
export function authorTopicsSql(ids: string): string {
  return `SELECT a.author_id AS owner, t.topic_id AS id, a.work_id FROM authorships a JOIN work_topics t ON t.work_id = a.work_id
    WHERE a.author_id = ANY(${ids})`;
}

/**
 * The first `first` (a bound integer placeholder) ids per owner of a triples subquery, most distinct works first,
 * then id in byte order: rows `(_key, id, works)` ordered by owner, then rank.
 */
export function rankedSql(triples: string, first: string): string {
  return `SELECT _key, id, works FROM (
      SELECT t.owner AS _key, t.id, count(DISTINCT t.work_id)::integer AS works,
        row_number() OVER (PARTITION BY t.owner ORDER BY count(DISTINCT t.work_id) DESC, t.id COLLATE "C") AS _rank
      FROM (${triples}) t GROUP BY t.owner, t.id
    ) ranked WHERE _rank <= ${first} ORDER BY _key, _rank`;
}
