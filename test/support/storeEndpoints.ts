/**
 * Where the integration tier finds each real store: the gateway's own environment variables when set
 * (`eval "$(scripts/services env)"`), else the loopback defaults that `scripts/services up` uses.
 */
export const storeEndpoints = {
  postgres: process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/openalex',
  redis: process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379',
  influxdb: process.env['INFLUX_URL'] ?? 'http://127.0.0.1:8086',
  neo4j: process.env['NEO4J_URL'] ?? 'bolt://127.0.0.1:7687',
  elasticsearch: process.env['ELASTICSEARCH_URL'] ?? 'http://127.0.0.1:9200',
} as const;

export type IntegrationStore = keyof typeof storeEndpoints;

export const influxDatabase = process.env['INFLUX_DATABASE'] ?? 'openalex';
export const neo4jAuth = { user: process.env['NEO4J_USER'] ?? 'neo4j', password: process.env['NEO4J_PASSWORD'] ?? '' };
