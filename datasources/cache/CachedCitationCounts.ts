import type { CitationGraph } from '../CitationGraph';
import type { Cache } from './Cache';
import { cachedBatch } from './cachedBatch';
import type { HotEntities } from './HotEntities';
import { type CitationCountKind, citationCountEntity } from './cacheKeys';

/** Seconds a work's citation counts stay cached. */
export const CITATION_COUNT_TTL_SECONDS = 600;

/**
 * Any CitationGraph whose per-work counts (the hottest graph reads: `citedBy { totalCount }` on every work of
 * a page) go through the cross-request cache; pages and walks go to the graph store.
 */
export class CachedCitationCounts implements CitationGraph {
  constructor(
    private readonly inner: CitationGraph,
    private readonly cache: Cache,
    private readonly hot?: HotEntities,
  ) {}

  get backend() {
    return this.inner.backend;
  }

  countCitedBy(workIds: readonly string[]): Promise<number[]> {
    return this.counts('citedByCount', workIds, (ids) => this.inner.countCitedBy(ids));
  }

  countReferences(workIds: readonly string[]): Promise<number[]> {
    return this.counts('referencesCount', workIds, (ids) => this.inner.countReferences(ids));
  }

  citedBy: CitationGraph['citedBy'] = (workIds, request) => this.inner.citedBy(workIds, request);
  references: CitationGraph['references'] = (workIds, request) => this.inner.references(workIds, request);
  traverse: CitationGraph['traverse'] = (workId, direction, depth, request, maxNodes) =>
    this.inner.traverse(workId, direction, depth, request, maxNodes);
  subgraph: CitationGraph['subgraph'] = (workId, direction, depth, maxNodes) => this.inner.subgraph(workId, direction, depth, maxNodes);
  coauthors: CitationGraph['coauthors'] = (authorIds, request) => this.inner.coauthors(authorIds, request);

  private async counts(kind: CitationCountKind, workIds: readonly string[], load: (ids: readonly string[]) => Promise<number[]>): Promise<number[]> {
    const values = await cachedBatch(this.cache, citationCountEntity(kind, this.inner.backend), CITATION_COUNT_TTL_SECONDS, workIds, load, this.hot);
    return values.map((v) => v ?? 0);
  }
}
