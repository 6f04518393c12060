import DataLoader from 'dataloader';
import type { CatalogReader } from '../../datasources/CatalogReader';
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

/** A page of one author's works: the key of the `authorWorks` loader. */
export interface AuthorWorksKey {
  readonly authorId: string;
  readonly first: number;
  readonly after: string | undefined;
  readonly sort: readonly WorkSortKey[];
}

/**
 * The DataLoaders of one request. Built per request (never shared): each batches the loads of one tick into
 * one datasource call and de-duplicates keys within the request; the cross-request cache lives below them.
 */
export function createLoaders(catalog: CatalogReader) {
  return {
    work: new DataLoader<string, WorkRecord | null>((ids) => catalog.getWorksByIds(ids)),
    author: new DataLoader<string, AuthorRecord | null>((ids) => catalog.getAuthorsByIds(ids)),
    authorships: new DataLoader<string, AuthorshipRecord[]>((workIds) => catalog.getAuthorshipsByWorkIds(workIds)),
    workTopics: new DataLoader<string, WorkTopicRecord[]>((workIds) => catalog.getWorkTopicsByWorkIds(workIds)),
    topic: new DataLoader<string, TopicRecord | null>((ids) => catalog.getTopicsByIds(ids)),
    source: new DataLoader<string, SourceRecord | null>((ids) => catalog.getSourcesByIds(ids)),
    institution: new DataLoader<string, InstitutionRecord | null>((ids) => catalog.getInstitutionsByIds(ids)),
    authorWorks: new DataLoader<AuthorWorksKey, Page<WorkRecord>, string>((keys) => loadAuthorWorks(catalog, keys), {
      cacheKeyFn: (k) => JSON.stringify([k.authorId, k.first, k.after, k.sort]),
    }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

/** Authors asking for the same page shape (first, after, sort) share one statement. */
async function loadAuthorWorks(catalog: CatalogReader, keys: readonly AuthorWorksKey[]): Promise<Page<WorkRecord>[]> {
  const groups = new Map<string, number[]>();
  keys.forEach((k, i) => {
    const shape = JSON.stringify([k.first, k.after, k.sort]);
    groups.set(shape, [...(groups.get(shape) ?? []), i]);
  });
  const results: Page<WorkRecord>[] = new Array<Page<WorkRecord>>(keys.length);
  await Promise.all(
    [...groups.values()].map(async (indexes) => {
      const { first, after, sort } = keys[indexes[0] as number] as AuthorWorksKey;
      const pages = await catalog.findWorksByAuthors(
        indexes.map((i) => (keys[i] as AuthorWorksKey).authorId),
        { first, after, sort },
      );
      indexes.forEach((keyIndex, n) => {
        results[keyIndex] = pages[n] as Page<WorkRecord>;
      });
    }),
  );
  return results;
}
