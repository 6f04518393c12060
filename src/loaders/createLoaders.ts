import DataLoader from 'dataloader';
import type { CatalogReader } from '../../datasources/CatalogReader';
import type { CitationGraph, CoauthorRecord } from '../../datasources/CitationGraph';
import type { TrendPointRecord, TrendRange, TrendStore, TrendSubject } from '../../datasources/TrendStore';
import type {
  AuthorRecord,
  AuthorshipRecord,
  InstitutionRecord,
  Page,
  SourceRecord,
  TopicRecord,
  WorkRecord,
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
    authorWorks: new DataLoader<PageKey, Page<WorkRecord>, string>(
      measuredBatch('authorWorks', batchByShape(pageShape, (k) => k.id, (ids, k) => catalog.findWorksByAuthors(ids, pageRequest(k)))),
      { cacheKeyFn: pageCacheKey },
    ),
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
    coauthors: new DataLoader<{ authorId: string; first: number }, CoauthorRecord[], string>(
      measuredBatch('coauthors', batchByShape((k) => String(k.first), (k) => k.authorId, (ids, k) => citations.coauthors(ids, k.first))),
      { cacheKeyFn: (k) => `${k.authorId}:${k.first}` },
    ),
    // Every subject of one range goes to the trend store in one call (it answers one query per subject kind).
    trend: new DataLoader<TrendKey, TrendPointRecord[], string>(
      measuredBatch('trend', batchByShape((k) => JSON.stringify(k.range), (k) => k.subject, (subjects, k) => trends.trends(subjects, k.range))),
      { cacheKeyFn: (k) => JSON.stringify([k.subject.kind, k.subject.id, k.range]) },
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
