import type { TouchedIds } from '../writes/articleWrite';
import type { TrendSubject } from '../TrendStore';
import type { Cache } from './Cache';
import { cacheKey, citationCountEntity, GRAPH_BACKENDS, TREND_BACKENDS, trendSubjectPrefix } from './cacheKeys';

/**
 * Drops every cached read a change of work `workId` can make stale: the work, its byline and topics, the
 * authors it names, citation counts of the work, of the works it cites (before and after the change) and, for a
 * deletion, of the works citing it, and
 * the trend series of the work, its authors and its topics, whichever store computed them. Called when the
 * change commits (PostgreSQL answers) and again when each projection store applies it (so a read that refilled
 * the cache from a store that had not applied the change yet does not outlive it). A cache that is down is
 * skipped (see Cache): it serves nothing meanwhile.
 */
export async function invalidateWorkChange(cache: Cache, workId: string, touched: TouchedIds): Promise<void> {
  const keys = [
    cacheKey('work', workId),
    cacheKey('authorships', workId),
    cacheKey('workTopics', workId),
    ...touched.authorIds.map((id) => cacheKey('author', id)),
    ...GRAPH_BACKENDS.flatMap((backend) => [
      cacheKey(citationCountEntity('citedByCount', backend), workId),
      cacheKey(citationCountEntity('referencesCount', backend), workId),
      ...touched.referencedWorkIds.map((id) => cacheKey(citationCountEntity('citedByCount', backend), id)),
      ...(touched.citingWorkIds ?? []).map((id) => cacheKey(citationCountEntity('referencesCount', backend), id)),
    ]),
  ];
  const subjects: TrendSubject[] = [
    { kind: 'work', id: workId },
    ...touched.authorIds.map((id): TrendSubject => ({ kind: 'author', id })),
    ...touched.topicIds.map((id): TrendSubject => ({ kind: 'topic', id })),
  ];
  const trendPrefixes = TREND_BACKENDS.flatMap((backend) => subjects.map((s) => trendSubjectPrefix(backend, s)));
  await cache.delete(keys);
  await cache.deleteByPrefix(trendPrefixes);
}
