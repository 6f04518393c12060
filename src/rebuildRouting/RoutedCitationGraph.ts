import type { CitationGraph } from '../../datasources/CitationGraph';
import type { RebuildRoute } from './RebuildRoute';

/** A CitationGraph answering each call from the backend its route chooses at that call (Neo4j, or PostgreSQL while Neo4j is rebuilt). */
export class RoutedCitationGraph implements CitationGraph {
  constructor(private readonly route: RebuildRoute<CitationGraph>) {}

  /** The backend that answered last. */
  get backend(): CitationGraph['backend'] {
    return this.route.last.backend;
  }

  countCitedBy: CitationGraph['countCitedBy'] = async (workIds) => (await this.route.backend()).countCitedBy(workIds);
  countReferences: CitationGraph['countReferences'] = async (workIds) => (await this.route.backend()).countReferences(workIds);
  citedBy: CitationGraph['citedBy'] = async (workIds, request) => (await this.route.backend()).citedBy(workIds, request);
  references: CitationGraph['references'] = async (workIds, request) => (await this.route.backend()).references(workIds, request);
  traverse: CitationGraph['traverse'] = async (workId, direction, depth, request, maxNodes) =>
    (await this.route.backend()).traverse(workId, direction, depth, request, maxNodes);
  subgraph: CitationGraph['subgraph'] = async (workId, direction, depth, maxNodes) => (await this.route.backend()).subgraph(workId, direction, depth, maxNodes);
  coauthors: CitationGraph['coauthors'] = async (authorIds, request) => (await this.route.backend()).coauthors(authorIds, request);
}
