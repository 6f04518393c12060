import { BadUserInputError } from '../src/core/errors';
import type { Resolvers } from '../src/generated/graphql';
import { requireId } from './inputs';
import { isSubgraphDepth, MAX_SUBGRAPH_DEPTH, type SubgraphDepth } from '../src/core/domain/citationDepth';
import { loadExisting } from './loadExisting';

/** `maxNodes` when absent; its maximum is the schema's `@listSize(maxSize:)` on `citationSubgraph`, checked before this runs. */
export const DEFAULT_SUBGRAPH_NODES = 50;

/** `depth` as a validated SubgraphDepth; the only form in which it reaches a store. */
function subgraphDepth(depth: number | null | undefined): SubgraphDepth {
  const d = depth ?? 1;
  if (!isSubgraphDepth(d)) throw new BadUserInputError(`depth must be 1 or ${MAX_SUBGRAPH_DEPTH} (got ${d})`, 'depth');
  return d;
}

/** `maxNodes` of at least 1 (the start work); above the maximum, the schema's bound has refused it already. */
function subgraphNodes(maxNodes: number | null | undefined): number {
  const n = maxNodes ?? DEFAULT_SUBGRAPH_NODES;
  if (n < 1) throw new BadUserInputError(`maxNodes must be at least 1 (got ${n})`, 'maxNodes');
  return n;
}

export const citationSubgraphResolvers: Resolvers = {
  Query: {
    citationSubgraph: (_parent, args, { citations }) =>
      citations.subgraph(requireId(args.workId, 'W', 'workId'), args.direction ?? 'BOTH', subgraphDepth(args.depth), subgraphNodes(args.maxNodes)),
  },
  CitationSubgraph: {
    capped: (graph) => graph.totalNodes > graph.nodes.length,
  },
  CitationGraphNode: {
    // The graph only returns loaded works; a missing one means a projection is out of step with the catalog.
    title: async (node, _args, { loaders }) => (await loadExisting(loaders.work, node.id, `work ${node.id} (in the citation graph)`)).title,
    publicationYear: async (node, _args, { loaders }) => (await loadExisting(loaders.work, node.id, `work ${node.id} (in the citation graph)`)).publicationYear,
  },
};
