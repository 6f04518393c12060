import type { Resolvers } from '../src/generated/graphql';
import { toStoreEnum } from './storeEnum';

export const gatewayResolvers: Resolvers = {
  Query: {
    gateway: async (_parent, _args, { gateway }) => ({
      version: gateway.version,
      stores: (await gateway.stores()).map((s) => ({ store: toStoreEnum(s.store), configured: s.configured, backend: s.backend })),
    }),
  },
};
