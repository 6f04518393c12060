import type { Store } from '../src/generated/graphql';
import type { StoreName } from '../src/core/StoreName';

const STORE_ENUM: Record<StoreName, Store> = {
  postgres: 'POSTGRES',
  redis: 'REDIS',
  neo4j: 'NEO4J',
  influxdb: 'INFLUXDB',
  elasticsearch: 'ELASTICSEARCH',
};

/** The GraphQL `Store` value of a store name. */
export function toStoreEnum(store: StoreName): Store {
  return STORE_ENUM[store];
}
