import type { ArticleFields, ArticlePatch, BylineEntry, TouchedIds } from './articleWrite';
import { bylineAuthorIds } from './bylineAuthorIds';
import type { AuthorWrite, AuthorshipWrite, WorkWrite } from './catalogWrite';
import { assertNever } from '../../src/core/assertNever';

/** The OpenAlex work type of everything the article mutations write. */
export const ARTICLE_TYPE = 'article';

/**
 * The catalog row of an article with `fields`. `authorNames` holds the display names of the byline's existing
 * authors (at least of those not on the current byline). An update passes the `current` row: what editors do
 * not set (OpenAlex citation counts, source, topic scores, and the institutions and printed name of each byline
 * entry that stays) is kept. A byline name is the author's display name, the name printed on the current byline
 * for an author who stays, or, for a name OpenAlex could not attach to an author, that name. Throws when an
 * existing author's name is unknown (its id was not checked).
 */
export function workWriteOfArticle(id: string, fields: ArticleFields, authorNames: ReadonlyMap<string, string>, current?: WorkWrite): WorkWrite {
  const last = fields.byline.length - 1;
  return {
    id,
    doi: fields.doi,
    // Not editable: OpenAlex's PubMed id stays with the work.
    pmid: current?.pmid ?? null,
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
    // OpenAlex's related works stay; its open-access status and URL stay while the editor keeps `isOpenAccess`.
    relatedWorkIds: current?.relatedWorkIds ?? [],
    oaStatus: current !== undefined && current.isOpenAccess === fields.isOpenAccess ? current.oaStatus : null,
    oaUrl: current !== undefined && current.isOpenAccess === fields.isOpenAccess ? current.oaUrl : null,
    countsByYear: current?.countsByYear ?? [],
    authorships: fields.byline.map((entry, i): AuthorshipWrite => {
      const kept = current?.authorships.find((a) => sameEntry(a, entry));
      return {
        position: i + 1,
        authorPosition: i === 0 ? 'first' : i === last ? 'last' : 'middle',
        authorId: entry.kind === 'unattached' ? null : entry.authorId,
        rawAuthorName: kept?.rawAuthorName ?? bylineName(entry, authorNames),
        institutionIds: kept?.institutionIds ?? [],
      };
    }),
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
    byline: work.authorships.map((a): BylineEntry => (a.authorId === null ? { kind: 'unattached', rawAuthorName: a.rawAuthorName } : { kind: 'existing', authorId: a.authorId })),
    referencedWorkIds: work.referencedWorkIds,
    // The primary topic first, as the editor gave it: topics are stored as a set (read by score), the primary apart.
    topicIds: primaryFirst(work.topics.map((t) => t.topicId), work.primaryTopicId),
    isOpenAccess: work.isOpenAccess,
    language: work.language,
  };
}

/**
 * Whether writing `after` over `before` would change nothing the catalog stores: every column, the byline entry by
 * entry, the references in order, and the topics with their scores (a set: its stored order is the catalog's).
 */
export function sameWorkWrite(before: WorkWrite, after: WorkWrite): boolean {
  return JSON.stringify(comparable(before)) === JSON.stringify(comparable(after));
}

function comparable(w: WorkWrite): unknown[] {
  return [
    w.id,
    w.doi,
    w.pmid ?? null,
    w.title,
    w.abstract,
    w.publicationYear,
    w.publicationDate,
    w.type,
    w.language,
    w.citedByCount,
    w.isOpenAccess,
    w.sourceId,
    w.primaryTopicId,
    w.referencedWorkIds,
    w.relatedWorkIds,
    w.oaStatus,
    w.oaUrl,
    w.countsByYear.map((c) => [c.year, c.citedByCount]),
    w.authorships.map((a) => [a.position, a.authorPosition, a.authorId, a.rawAuthorName, a.institutionIds]),
    [...w.topics].sort((a, b) => (a.topicId < b.topicId ? -1 : a.topicId > b.topicId ? 1 : 0)).map((t) => [t.topicId, t.score]),
  ];
}

function primaryFirst(topicIds: readonly string[], primary: string | null): string[] {
  return primary !== null && topicIds.includes(primary) ? [primary, ...topicIds.filter((t) => t !== primary)] : [...topicIds];
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
    authorIds: union((w) => bylineAuthorIds(w.authorships)),
    topicIds: union((w) => w.topics.map((t) => t.topicId)),
    referencedWorkIds: union((w) => w.referencedWorkIds),
  };
}

/** Whether a stored byline entry is `entry`: the same author, or the same unattached name. */
function sameEntry(stored: AuthorshipWrite, entry: BylineEntry): boolean {
  return entry.kind === 'unattached' ? stored.authorId === null && stored.rawAuthorName === entry.rawAuthorName : stored.authorId === entry.authorId;
}

/** The name a new byline entry prints. */
function bylineName(entry: BylineEntry, authorNames: ReadonlyMap<string, string>): string {
  switch (entry.kind) {
    case 'new':
      return entry.displayName;
    case 'unattached':
      return entry.rawAuthorName;
    case 'existing': {
      const name = authorNames.get(entry.authorId);
      if (name === undefined) throw new Error(`no display name for byline author ${entry.authorId}`);
      return name;
    }
    default:
      return assertNever(entry);
  }
}

