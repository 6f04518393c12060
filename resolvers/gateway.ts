import type { Resolvers, Store } from '../src/generated/graphql';
import { gatewayVersion } from '../src/gatewayVersion';

export const gatewayResolvers: Resolvers = {
  Query: {
    gateway: (_parent, _args, { config }) => {
      const stores: { store: Store; configured: boolean; backend: string }[] = [
        { store: 'POSTGRES', configured: config.postgres.url !== undefined, backend: config.postgres.url ? 'postgresql' : 'pglite' },
        { store: 'REDIS', configured: config.redis !== undefined, backend: config.redis ? 'redis' : 'lru' },
        { store: 'NEO4J', configured: config.neo4j !== undefined, backend: config.neo4j ? 'neo4j' : 'postgresql' },
        { store: 'INFLUXDB', configured: config.influx !== undefined, backend: config.influx ? 'influxdb' : 'postgresql' },
        {
          store: 'ELASTICSEARCH',
          configured: config.elasticsearch !== undefined,
          backend: config.elasticsearch ? 'elasticsearch' : 'postgresql',
        },
      ];
      return { version: gatewayVersion(), stores };
    },
  },
};
