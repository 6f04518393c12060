import type { InstitutionRecord, SourceRecord, TopicRecord, WorkFields } from '../types';

/** One year of OpenAlex `counts_by_year`: citations received that year. */
export interface CitationsInYear {
  readonly year: number;
  readonly citedByCount: number;
}

/**
 * One byline entry. `authorId` is null for a name OpenAlex could not attach to an author (its `author.id` is
 * null): the entry keeps its position, name and institutions, but names nobody (no author row, no co-author, no
 * author trend, no AUTHORED edge).
 */
export interface AuthorshipWrite {
  /** 1-based byline position. */
  readonly position: number;
  readonly authorPosition: string | null;
  readonly authorId: string | null;
  /** The name as the byline prints it (OpenAlex `raw_author_name`, else `author.display_name`). */
  readonly rawAuthorName: string;
  readonly institutionIds: readonly string[];
}

/** A work as the catalog stores it, with its authorships, topics and references. */
export interface WorkWrite extends WorkFields {
  readonly countsByYear: readonly CitationsInYear[];
  readonly authorships: readonly AuthorshipWrite[];
  readonly topics: readonly { readonly topicId: string; readonly score: number }[];
}

/**
 * An author. `complete` is true for an OpenAlex Author record (its counts are authoritative) and false for a
 * co-author seen only in a byline, which never overwrites what a complete record said.
 */
export interface AuthorWrite {
  readonly id: string;
  readonly displayName: string;
  readonly orcid: string | null;
  readonly worksCount: number | null;
  readonly citedByCount: number | null;
  readonly hIndex: number | null;
  readonly institutionIds: readonly string[];
  readonly complete: boolean;
}

/** Everything one or more OpenAlex records write to the catalog; written in one transaction. */
export interface CatalogBatch {
  readonly works: readonly WorkWrite[];
  readonly authors: readonly AuthorWrite[];
  readonly institutions: readonly InstitutionRecord[];
  readonly sources: readonly SourceRecord[];
  readonly topics: readonly TopicRecord[];
}

/** Entity rows as the catalog stores them (already folded by its merge rules: not sightings to fold again). */
export type CatalogEntities = Omit<CatalogBatch, 'works'>;

/** An empty batch. */
export function emptyBatch(): CatalogBatch {
  return { works: [], authors: [], institutions: [], sources: [], topics: [] };
}

/** Concatenates batches (duplicates are resolved by the writer: the last work wins, complete authors win). */
export function mergeBatches(batches: readonly CatalogBatch[]): CatalogBatch {
  return {
    works: batches.flatMap((b) => b.works),
    authors: batches.flatMap((b) => b.authors),
    institutions: batches.flatMap((b) => b.institutions),
    sources: batches.flatMap((b) => b.sources),
    topics: batches.flatMap((b) => b.topics),
  };
}

/** Where loading the shipped sample into this catalog stands: never tried, begun (maybe interrupted), or complete. */
export type SampleSeedState = 'none' | 'started' | 'done';

/** The entity ids one seed run met, kept by the store (not in memory): its counts and duplicates. */
export interface SeenIds {
  /** Records `ids` of `kind` (repeats allowed); resolves to how many of them were met before in this run. */
  add(kind: string, ids: readonly string[]): Promise<number>;
  /** Distinct ids of `kind` met so far. */
  count(kind: string): Promise<number>;
  /** Forgets the run. */
  close(): Promise<void>;
}

/** A bulk load under way (see CatalogWriter.beginBulkLoad). */
export interface BulkLoad {
  /** Indexes and constraints set aside for the load, rebuilt by `finish`. */
  readonly setAside: number;
  /** Rebuilds what was set aside, exactly as before; the writer's batches take their usual path again. Idempotent. */
  finish(): Promise<void>;
}

/** Writes catalog batches to the source of truth. */
export interface CatalogWriter {
  /** Records per `upsert` this writer handles best (a bulk load's transaction size). */
  readonly batchSize: number;
  /** Upserts the batch in one transaction: all of it is written, or none. */
  upsert(batch: CatalogBatch): Promise<void>;
  /** Number of works stored (0 for an empty catalog). */
  countWorks(): Promise<number>;
  sampleSeedState(): Promise<SampleSeedState>;
  /** Starts counting a seed run's entity ids in the store. */
  openSeenIds(): Promise<SeenIds>;
  markSampleSeed(state: Exclude<SampleSeedState, 'none'>): Promise<void>;
  /**
   * Optional: prepares a bulk load (a seed) if the catalog is empty, setting aside what makes loading slow until
   * `finish`; `undefined` when the catalog holds rows (or the writer has no such step), the load then takes the usual
   * path. A load that never reaches `finish` (a killed process) is repaired by the store's next start or bulk load.
   */
  beginBulkLoad?(): Promise<BulkLoad | undefined>;
}
