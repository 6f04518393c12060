import type { CitationGraph } from '../CitationGraph';
import type { TrendRange, TrendStore, TrendSubject } from '../TrendStore';

/**
 * Every key the gateway keeps in its cross-request cache, spelled once: the readers (cachedBatch, the trend and
 * citation-count caches, the response and APQ caches) and the invalidator (invalidateWorkChange) both build keys
 * here, so a key a reader fills is always a key a write can drop.
 *
 * Bump the version when the shape of a cached record changes: old entries are then simply never read again.
 * 3: bylines carry `rawAuthorName` and may have a null `authorId`.
 * 4: sources carry `issns`.
 * 5: works carry `relatedWorkIds`, `oaStatus` and `oaUrl`.
 * 6: works carry `titleMarkup`, and `title` is plain text.
 * 7: works carry `pmid`.
 */
export const CACHE_SCHEMA_VERSION = 7;

/** The catalog's entities, cached one record (or list) per id. */
export type CatalogEntity = 'work' | 'author' | 'authorships' | 'workTopics' | 'topic' | 'source' | 'institution';

/** Backends whose citation counts may be cached (the key carries the backend that computed them). */
export type GraphBackend = CitationGraph['backend'];
export const GRAPH_BACKENDS = ['neo4j', 'postgresql'] as const satisfies readonly GraphBackend[];
export type CitationCountKind = 'citedByCount' | 'referencesCount';

/** Backends whose trend series may be cached. */
export type TrendBackend = TrendStore['backend'];
export const TREND_BACKENDS = ['influxdb', 'postgresql'] as const satisfies readonly TrendBackend[];

/** Everything a key can name: catalog records, per-backend counts and series, and the HTTP-level caches. */
export type CacheEntity = CatalogEntity | `${CitationCountKind}:${GraphBackend}` | 'trend' | 'listTotal' | 'response' | 'apq' | 'responseCacheGeneration';

/** `gw:v<version>:<entity>:<id>`. */
export function cacheKey(entity: CacheEntity, id: string): string {
  return `gw:v${CACHE_SCHEMA_VERSION}:${entity}:${id}`;
}

/** The entity of a work's citation count as computed by `backend`. */
export function citationCountEntity(kind: CitationCountKind, backend: GraphBackend): CacheEntity {
  return `${kind}:${backend}`;
}

/** The id (under entity `trend`) of one subject's series over `range`, as computed by `backend`. */
export function trendSeriesId(backend: TrendBackend, subject: TrendSubject, range: TrendRange): string {
  return `${trendSubjectId(backend, subject)}${range.interval}:${range.from}:${range.to}`;
}

/** The key prefix of every cached series of `subject` by `backend`, whatever the range. */
export function trendSubjectPrefix(backend: TrendBackend, subject: TrendSubject): string {
  return cacheKey('trend', trendSubjectId(backend, subject));
}

function trendSubjectId(backend: TrendBackend, subject: TrendSubject): string {
  return `${backend}:${subject.kind}:${subject.id}:`;
}

/** The one key holding the response cache's current generation. */
export const RESPONSE_CACHE_GENERATION_KEY = cacheKey('responseCacheGeneration', 'current');

/** The Redis channel on which processes announce changed keys to each other (CacheChanges). */
export const CACHE_CHANGES_CHANNEL = `gw:v${CACHE_SCHEMA_VERSION}:changes`;
