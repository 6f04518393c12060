import DataLoader from 'dataloader';
import type { CatalogReader } from '../../datasources/CatalogReader';
import type { CitationGraph, CoauthorRecord } from '../../datasources/CitationGraph';
import type { TrendPointRecord, TrendRange, TrendStore, TrendSubject } from '../../datasources/TrendStore';
import type {
  AuthorRecord,
  AuthorshipRecord,
  InstitutionRecord,
  Page,
  RankedRecord,
  SourceRecord,
  TopicRecord,
  WorkOwnerKind,
  WorkRecord,
  WorkSummary,
  WorkSortKey,
  WorkTopicRecord,
} from '../../datasources/types';
import { batchByShape } from './batchByShape';
import { measuredBatch } from './measuredBatch';

/** A page of something attached to one entity (an author's works, a work's citing works…). */
export interface PageKey {
  readonly id: string;
  readonly first: number;
  readonly after: string | undefined;
  readonly sort: readonly WorkSortKey[];
}

/** A page of the works of an author, topic, source or institution. */
export interface OwnedPageKey extends PageKey {
  readonly owner: WorkOwnerKind;
}

/** The first `first` entities ranked within another (a topic's top authors, an author's top topics). */
export interface RankKey {
  readonly id: string;
  readonly first: number;
}

/** A page of an author's co-authors. */
export interface CoauthorPageKey {
  readonly authorId: string;
  readonly first: number;
  readonly after: string | undefined;
}

export interface TrendKey {
  readonly subject: TrendSubject;
  readonly range: TrendRange;
}

/** The datasources loaders batch into. */
export interface LoaderSources {
  readonly catalog: CatalogReader;
  readonly citations: CitationGraph;
  readonly trends: TrendStore;
}

const pageShape = (k: PageKey) => JSON.stringify([k.first, k.after, k.sort]);
const pageCacheKey = (k: PageKey) => JSON.stringify([k.id, k.first, k.after, k.sort]);
const pageRequest = (k: PageKey) => ({ first: k.first, after: k.after, sort: k.sort });
const rankLoader = (name: string, run: (ids: readonly string[], first: number) => Promise<RankedRecord[][]>) =>
  new DataLoader<RankKey, RankedRecord[], string>(measuredBatch(name, batchByShape((k) => String(k.first), (k) => k.id, (ids, k) => run(ids, k.first))), {
    cacheKeyFn: (k) => `${k.id}:${k.first}`,
  });
const byKey = <V>(name: string, run: (keys: readonly string[]) => Promise<(V | null)[]>) => new DataLoader<string, V | null>(measuredBatch(name, run));

/**
 * The DataLoaders of one request. Built per request (never shared): each batches the loads of one tick into
 * one datasource call and de-duplicates keys within the request; the cross-request cache lives below them.
 */
export function createLoaders({ catalog, citations, trends }: LoaderSources) {
  return {
    work: new DataLoader<string, WorkRecord | null>(measuredBatch('work', (ids) => catalog.getWorksByIds(ids))),
    author: new DataLoader<string, AuthorRecord | null>(measuredBatch('author', (ids) => catalog.getAuthorsByIds(ids))),
    authorships: new DataLoader<string, AuthorshipRecord[]>(measuredBatch('authorships', (workIds) => catalog.getAuthorshipsByWorkIds(workIds))),
    workTopics: new DataLoader<string, WorkTopicRecord[]>(measuredBatch('workTopics', (workIds) => catalog.getWorkTopicsByWorkIds(workIds))),
    topic: new DataLoader<string, TopicRecord | null>(measuredBatch('topic', (ids) => catalog.getTopicsByIds(ids))),
    source: new DataLoader<string, SourceRecord | null>(measuredBatch('source', (ids) => catalog.getSourcesByIds(ids))),
    institution: new DataLoader<string, InstitutionRecord | null>(measuredBatch('institution', (ids) => catalog.getInstitutionsByIds(ids))),
    // An external id (a bare DOI, ORCID, ROR id, ISSN) to its entity; null when none has it.
    workByDoi: byKey<WorkRecord>('workByDoi', (dois) => catalog.getWorksByDois(dois)),
    workByPmid: byKey<WorkRecord>('workByPmid', (pmids) => catalog.getWorksByPmids(pmids)),
    authorByOrcid: byKey<AuthorRecord>('authorByOrcid', (orcids) => catalog.getAuthorsByOrcids(orcids)),
    institutionByRor: byKey<InstitutionRecord>('institutionByRor', (rors) => catalog.getInstitutionsByRors(rors)),
    sourceByIssn: byKey<SourceRecord>('sourceByIssn', (issns) => catalog.getSourcesByIssns(issns)),
    // Pages of one owner kind and one shape in one statement.
    ownedWorks: new DataLoader<OwnedPageKey, Page<WorkSummary>, string>(
      measuredBatch(
        'ownedWorks',
        batchByShape((k) => JSON.stringify([k.owner, k.first, k.after, k.sort]), (k) => k.id, (ids, k) => catalog.findWorksOf(k.owner, ids, pageRequest(k))),
      ),
      { cacheKeyFn: (k) => JSON.stringify([k.owner, k.id, k.first, k.after, k.sort]) },
    ),
    topicTopAuthors: rankLoader('topicTopAuthors', (ids, first) => catalog.topAuthorsOf('topic', ids, first)),
    sourceTopAuthors: rankLoader('sourceTopAuthors', (ids, first) => catalog.topAuthorsOf('source', ids, first)),
    institutionTopAuthors: rankLoader('institutionTopAuthors', (ids, first) => catalog.topAuthorsOf('institution', ids, first)),
    authorTopTopics: rankLoader('authorTopTopics', (ids, first) => catalog.topTopicsOfAuthors(ids, first)),
    citedByCount: new DataLoader<string, number>(measuredBatch('citedByCount', (ids) => citations.countCitedBy(ids))),
    referencesCount: new DataLoader<string, number>(measuredBatch('referencesCount', (ids) => citations.countReferences(ids))),
    citedBy: new DataLoader<PageKey, Page<string>, string>(
      measuredBatch('citedBy', batchByShape(pageShape, (k) => k.id, (ids, k) => citations.citedBy(ids, pageRequest(k)))),
      { cacheKeyFn: pageCacheKey },
    ),
    references: new DataLoader<PageKey, Page<string>, string>(
      measuredBatch('references', batchByShape(pageShape, (k) => k.id, (ids, k) => citations.references(ids, { first: k.first, after: k.after, sort: [] }))),
      { cacheKeyFn: pageCacheKey },
    ),
    coauthors: new DataLoader<CoauthorPageKey, Page<CoauthorRecord>, string>(
      measuredBatch(
        'coauthors',
        batchByShape((k) => JSON.stringify([k.first, k.after]), (k) => k.authorId, (ids, k) => citations.coauthors(ids, { first: k.first, after: k.after, sort: [] })),
      ),
      { cacheKeyFn: (k) => JSON.stringify([k.authorId, k.first, k.after]) },
    ),
    // Every subject of one range goes to the trend store in one call (it answers one query per subject kind).
    trend: new DataLoader<TrendKey, TrendPointRecord[], string>(
      measuredBatch('trend', batchByShape((k) => JSON.stringify(k.range), (k) => k.subject, (subjects, k) => trends.trends(subjects, k.range))),
      { cacheKeyFn: (k) => JSON.stringify([k.subject.kind, k.subject.id, k.range]) },
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
