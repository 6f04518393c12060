import type { CitationDirection } from '../datasources/CitationGraph';
import { BadUserInputError } from '../src/core/errors';
import type { Resolvers } from '../src/generated/graphql';
import { lazyConnection } from './mappers/Connection';
import { requireId } from './inputs';
import { afterCursor, connectionFields, pageSize } from './pagination';
import { type CitationDepth, isCitationDepth, MAX_CITATION_DEPTH } from '../src/core/domain/citationDepth';
import { loadExisting } from './loadExisting';

/** `depth` as a validated CitationDepth; the only form in which it ever reaches a store. */
export function citationDepth(depth: number | null | undefined): CitationDepth {
  const d = depth ?? 1;
  if (!isCitationDepth(d)) throw new BadUserInputError(`depth must be 1, 2 or ${MAX_CITATION_DEPTH} (got ${d})`, 'depth');
  return d;
}

export const citationResolvers: Resolvers = {
  Query: {
    citations: (_parent, args, { citations, citationWalkMaxNodes }) => {
      const workId = requireId(args.workId, 'W', 'workId');
      const direction: CitationDirection = args.direction ?? 'CITED_BY';
      const depth = citationDepth(args.depth);
      const request = { first: pageSize(args.first), after: afterCursor(args.after), sort: [] };
      let pending: ReturnType<typeof citations.traverse> | undefined;
      const walk = () => (pending ??= citations.traverse(workId, direction, depth, request, citationWalkMaxNodes));
      return { ...lazyConnection(walk, async () => (await walk()).totalCount()), totalCountCapped: async () => (await walk()).totalCountCapped() };
    },
  },
  Citation: {
    // The graph only returns loaded works; a missing one means a projection is out of step with the catalog.
    citing: (edge, _args, { loaders }) => loadExisting(loaders.work, edge.citingId, `work ${edge.citingId} (in the citation graph)`),
    cited: (edge, _args, { loaders }) => loadExisting(loaders.work, edge.citedId, `work ${edge.citedId} (in the citation graph)`),
  },
  CitationConnection: { ...connectionFields, totalCountCapped: (connection) => connection.totalCountCapped() },
};
