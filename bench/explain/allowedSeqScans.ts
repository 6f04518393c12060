import type { ExplainedStatement, ExplainReport } from './explainCanonicalQueries';

/**
 * Share of all works above which reading a topic's works whole is the right plan. The generator draws topics from
 * the sample's records, so the most common topic keeps its share at every N (at 20,000 works: 7,668 works, 38 %, and
 * 56,704 work_topics rows): fetching 38 % of `works` row by row through an index costs more than one sequential read.
 */
export const HUB_TOPIC_SHARE = 0.25;

/**
 * Whether a sequential scan found in `s` is allowed, and why: only `works` read by the two reads of the hub topic
 * that need all its works (its trend sums every one of them; its works page ranks them in one window per topic, so
 * every work of the topic is read before the first 25 are kept), when that topic holds at least HUB_TOPIC_SHARE of
 * the works, and `authorships` by its top authors; the reads of the most prolific author and of the canonical source
 * past their shares (HUB_AUTHOR_SHARE, HUB_SOURCE_SHARE); the reads that count or hash every work (group-by over all
 * works, an unfiltered sample); the hub's depth-3 walk. Everything else must be read through an index.
 */
export function allowedSeqScan(s: ExplainedStatement, report: ExplainReport): string | undefined {
  const works = Math.max(1, report.rows['works'] ?? 0);
  const share = report.topicWorks / works;
  const hubTopicRead = /^topic (works|trend)\b/.test(s.query);
  if (hubTopicRead && share >= HUB_TOPIC_SHARE && s.seqScans.every((x) => x.table === 'works')) {
    return `${s.query}: the topic holds ${report.topicWorks} of ${report.rows['works']} works (${(100 * share).toFixed(0)} %)`;
  }
  const authorShare = report.authorWorks / works;
  if (/^author trend\b/.test(s.query) && authorShare >= HUB_AUTHOR_SHARE && s.seqScans.every((x) => x.table === 'works')) {
    return `${s.query}: the author is on ${report.authorWorks} of ${report.rows['works']} works (${(100 * authorShare).toFixed(1)} %)`;
  }
  const tables = s.seqScans.map((x) => x.table);
  // The hub topic's top authors count the bylines of every work of it: 38 % of the works, about as large a share of authorships.
  if (/^topic top authors\b/.test(s.query) && share >= HUB_TOPIC_SHARE && tables.every((t) => t === 'authorships')) {
    return `${s.query}: the topic holds ${report.topicWorks} of ${report.rows['works']} works (${(100 * share).toFixed(0)} %), whose bylines it counts`;
  }
  const sourceShare = report.sourceWorks / works;
  if (/^source page\b/.test(s.query) && sourceShare >= HUB_SOURCE_SHARE && tables.every((t) => t === 'works' || t === 'authorships')) {
    return `${s.query}: the source holds ${report.sourceWorks} of ${report.rows['works']} works (${(100 * sourceShare).toFixed(1)} %), all ranked or counted`;
  }
  // Group-by over every work counts every work and every row of the field's table (topics, bylines): nothing to narrow.
  if (/^group by \w+ over all works$/.test(s.query) && tables.every((t) => t === 'works' || t === 'work_topics' || t === 'authorships')) {
    return `${s.query}: counts every one of the ${report.rows['works']} works`;
  }
  // Group-by over a filter filters by the most prolific author: the same either-plan share as its trend.
  if (/^group by \w+ over a filter$/.test(s.query) && authorShare >= HUB_AUTHOR_SHARE && tables.every((t) => t === 'works')) {
    return `${s.query}: the filter's author is on ${report.authorWorks} of ${report.rows['works']} works (${(100 * authorShare).toFixed(1)} %)`;
  }
  // An unfiltered sample hashes every work's id (workSampleSql.ts: no index holds the hash of an arbitrary seed).
  if (/^sample works$/.test(s.query) && tables.every((t) => t === 'works')) {
    return `${s.query}: hashes every one of the ${report.rows['works']} works`;
  }
  // A depth-3 walk from the hub reaches the cap (CITATION_WALK_MAX_NODES, 10,000: half of a 20,000-work corpus) and reads
  // the references of every kept work of its second level: most of work_references, cheaper in one sequential read.
  if (/^citations depth 3\b/.test(s.query) && s.seqScans.every((x) => x.table === 'work_references')) {
    return `${s.query}: the hub's depth-3 walk reads the references of most of the corpus (${report.rows['work_references']} rows)`;
  }
  return undefined;
}

/**
 * Share of all works above which reading an author's works by one sequential read of `works` (a hash join) is a
 * plan the planner may rightly pick for the author's trend: the generator's Lotka pool gives its most prolific author
 * about 5 % of the works (992 of 20,000), which is as many rows as an index would fetch one by one.
 */
export const HUB_AUTHOR_SHARE = 0.04;

/**
 * Share of all works above which a source's page may read `works` and `authorships` in one sequential pass: its works
 * page ranks every work of the source in one window (as a topic's), and its top authors count the bylines of every
 * one. At 20,000 works the planner switches from fetching them through works_pkey (726 works, 3.6 %) to one
 * sequential read (1,058 works, 5.3 %); the canonical source holds 1,940 works (9.7 %), on 1,522 of the 3,541 pages
 * of `works` (43 %).
 */
export const HUB_SOURCE_SHARE = 0.04;

/**
 * Whether a GraphQL error of a canonical query is allowed: a citation walk from the hub at depth 2 or 3 may run past
 * the request deadline on the PostgreSQL backend (issue 14, part 4: bounded walks). Its statements were sent, and are
 * explained, all the same; only its second page is not asked for.
 */
export function allowedError(error: string): boolean {
  return /^citations depth [23](, page 2)?: (REQUEST_TIMEOUT |\? the first page has no endCursor$)/.test(error);
}
