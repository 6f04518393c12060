import type { Resolvers } from '../src/generated/graphql';

export const viewerResolvers: Resolvers = {
  Query: {
    // Null when anonymous; a token that is not valid is UNAUTHENTICATED (RequestAuth.viewer).
    viewer: (_parent, _args, { auth }) => auth.viewer() ?? null,
  },
  Viewer: {
    id: (principal) => principal.subject,
  },
};
