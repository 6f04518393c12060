import type { ArticleFields, ArticlePatch, TouchedIds } from './articleWrite';
import type { AuthorWrite, AuthorshipWrite, WorkWrite } from './catalogWrite';

/** The OpenAlex work type of everything the article mutations write. */
export const ARTICLE_TYPE = 'article';

/**
 * The catalog row of an article with `fields`. An update passes the `current` row: what editors do not set
 * (OpenAlex citation counts, source, institutions of authors who stay on the byline, topic scores) is kept.
 */
export function workWriteOfArticle(id: string, fields: ArticleFields, current?: WorkWrite): WorkWrite {
  const authorIds = fields.byline.map((b) => b.authorId);
  return {
    id,
    doi: fields.doi,
    title: fields.title,
    abstract: fields.abstract,
    publicationYear: Number(fields.publicationDate.slice(0, 4)),
    publicationDate: fields.publicationDate,
    type: ARTICLE_TYPE,
    language: fields.language,
    citedByCount: current?.citedByCount ?? 0,
    isOpenAccess: fields.isOpenAccess,
    sourceId: current?.sourceId ?? null,
    primaryTopicId: fields.topicIds[0] ?? null,
    referencedWorkIds: fields.referencedWorkIds,
    countsByYear: current?.countsByYear ?? [],
    authorships: authorIds.map((authorId, i): AuthorshipWrite => ({
      position: i + 1,
      authorPosition: i === 0 ? 'first' : i === authorIds.length - 1 ? 'last' : 'middle',
      authorId,
      institutionIds: current?.authorships.find((a) => a.authorId === authorId)?.institutionIds ?? [],
    })),
    topics: fields.topicIds.map((topicId) => ({ topicId, score: current?.topics.find((t) => t.topicId === topicId)?.score ?? 1 })),
  };
}

/** The editable fields of a stored work, to which an update's patch applies. */
export function articleFieldsOf(work: WorkWrite): ArticleFields {
  return {
    title: work.title ?? '',
    abstract: work.abstract,
    publicationDate: work.publicationDate ?? `${work.publicationYear ?? 1970}-01-01`,
    doi: work.doi,
    byline: work.authorships.map((a) => ({ kind: 'existing', authorId: a.authorId })),
    referencedWorkIds: work.referencedWorkIds,
    topicIds: work.topics.map((t) => t.topicId),
    isOpenAccess: work.isOpenAccess,
    language: work.language,
  };
}

/** `current` with what `patch` sets. */
export function applyArticlePatch(current: ArticleFields, patch: ArticlePatch): ArticleFields {
  const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as ArticlePatch;
  return { ...current, ...defined };
}

/** Authors a byline creates, as catalog rows (like a byline sighting: no OpenAlex counts). */
export function newAuthorsOf(fields: Pick<ArticleFields, 'byline'>): AuthorWrite[] {
  return fields.byline.flatMap((b) =>
    b.kind === 'new'
      ? [{ id: b.authorId, displayName: b.displayName, orcid: b.orcid, worksCount: null, citedByCount: null, hIndex: null, institutionIds: [], complete: false }]
      : [],
  );
}

/** Ids a change from `before` to `after` affects (either may be absent: create, delete). */
export function touchedIds(before: WorkWrite | undefined, after: WorkWrite | undefined): TouchedIds {
  const union = (pick: (w: WorkWrite) => readonly string[]) => [...new Set([...(before ? pick(before) : []), ...(after ? pick(after) : [])])].sort();
  return {
    authorIds: union((w) => w.authorships.map((a) => a.authorId)),
    topicIds: union((w) => w.topics.map((t) => t.topicId)),
    referencedWorkIds: union((w) => w.referencedWorkIds),
  };
}
