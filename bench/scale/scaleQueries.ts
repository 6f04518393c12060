import type { CanonicalQuery } from '../explain/CanonicalQuery';
import { type CoreSubjects, coreQueries } from '../explain/coreQueries';
import type { CorpusTruth } from '../corpus/generateCorpus';

/** What issue 14 asks of a query's p50 at 1M works, by kind (ms). */
export const TARGET_P50_MS = { lookup: 20, list: 50, trend: 50, search: 200, walk: 1000 } as const;

/** A query of the scale benchmark and the target its p50 is held to. */
export interface ScaleQuery extends CanonicalQuery {
  readonly targetMs: number;
}

/**
 * The canonical reads issue 14 names (the same texts the EXPLAIN test looks at), each with its target: the hub's
 * `citedBy { totalCount }` as the issue names it, and its first page of 25 citers (most cited first) as a work page
 * shows it.
 */
export function scaleQueries(s: CoreSubjects): ScaleQuery[] {
  const t = TARGET_P50_MS;
  return [
    { ...coreQueries.workById(s), targetMs: t.lookup },
    { ...coreQueries.hubCitedByCount(s), targetMs: t.list },
    { ...coreQueries.hubCitedBy(s), targetMs: t.list },
    { ...coreQueries.sorted('CITED_BY_COUNT_DESC'), targetMs: t.list },
    { ...coreQueries.filtered('publicationYear', { publicationYear: { gte: 2015, lte: 2018 } }), targetMs: t.list },
    { ...coreQueries.authorWorks(s), targetMs: t.list },
    { ...coreQueries.citations(s, 2), targetMs: t.walk },
    { ...coreQueries.citations(s, 3), targetMs: t.walk },
    { ...coreQueries.searchWithFacets(s), targetMs: t.search },
    { ...coreQueries.autocomplete(s), targetMs: t.list },
    { ...coreQueries.authorTrend(s), targetMs: t.trend },
    { ...coreQueries.topicTrend(s), targetMs: t.trend },
  ];
}

async function graphql<T>(url: string, query: string, variables: Record<string, unknown>): Promise<T> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  const body = (await res.json()) as { data?: T; errors?: unknown[] };
  if (body.errors || body.data === undefined) throw new Error(`subjects query failed: ${JSON.stringify(body).slice(0, 500)}`);
  return body.data;
}

/**
 * The subjects of the queries: the generator's hub (most cited work) and most prolific author (its ground truth),
 * the topic of the most works (the gateway's group-by), and a word of the hub's title (five letters or more) for
 * search, its first four letters for autocomplete.
 */
export async function scaleSubjects(url: string, truth: CorpusTruth): Promise<CoreSubjects> {
  const author = truth.authors.top[0];
  if (author === undefined) throw new Error('the corpus has no author');
  const data = await graphql<{ work: { title: string } | null; groupWorks: { groups: { key: string | null }[] } }>(
    url,
    `query($id: ID!) { work(id: $id) { title } groupWorks(field: TOPIC, first: 1) { groups { key } } }`,
    { id: truth.hub.id },
  );
  const topicId = data.groupWorks.groups[0]?.key;
  if (data.work === null || !topicId) throw new Error(`the hub ${truth.hub.id} or the largest topic is not loaded`);
  const searchTerm = data.work.title.toLowerCase().match(/[a-z]{5,}/)?.[0] ?? 'learning';
  return { hubWorkId: truth.hub.id, authorId: author.id, topicId, searchTerm, prefix: searchTerm.slice(0, 4) };
}
