/**
 * Every environment variable the gateway reads, with its default and meaning.
 * README's configuration table and docker-compose.yml are checked against this list by tests,
 * so a new variable cannot ship undocumented.
 */
export const CONFIG_VARIABLES = {
  PORT: { default: '4000', description: 'HTTP port; GraphQL is served at /graphql' },
  HOST: { default: '0.0.0.0', description: 'Interface the HTTP server binds to' },
  NODE_ENV: {
    default: 'development',
    description: '`production` masks unexpected errors and turns introspection off unless enabled',
  },
  LOG_LEVEL: { default: 'info', description: 'pino log level (trace, debug, info, warn, error, fatal, silent)' },
  DATABASE_URL: {
    default: '(unset: embedded PGlite)',
    description: 'PostgreSQL connection string; unset runs the same SQL on in-process PGlite',
  },
  DATA_DIR: {
    default: '.data/pglite',
    description: 'Where embedded PGlite keeps its files when DATABASE_URL is unset; `memory://` keeps them in memory',
  },
  SEED: {
    default: 'sample',
    description: '`sample` loads the shipped OpenAlex sample into an empty database on start; `none` does not',
  },
  REDIS_URL: { default: '(unset: in-process LRU)', description: 'Redis for the cross-request read cache' },
  NEO4J_URL: { default: '(unset: citations from PostgreSQL)', description: 'Bolt URL of the Neo4j citation graph' },
  NEO4J_USER: { default: 'neo4j', description: 'Neo4j user' },
  NEO4J_PASSWORD: { default: '(empty)', description: 'Neo4j password' },
  INFLUX_URL: { default: '(unset: trends from PostgreSQL)', description: 'InfluxDB base URL (v1 HTTP API: /query, /write)' },
  INFLUX_DATABASE: { default: 'openalex', description: 'InfluxDB database (on 2.x: the bucket mapped to it)' },
  INFLUX_TOKEN: {
    default: '(empty)',
    description: 'InfluxDB token, sent as `Authorization: Token …` (2.x/3.x v1 compatibility API); empty on 1.x',
  },
  ELASTICSEARCH_URL: {
    default: '(unset: search from PostgreSQL)',
    description: 'Elasticsearch base URL for full-text search',
  },
  ELASTICSEARCH_INDEX: { default: 'works', description: 'Name of the Elasticsearch index of works (created with its mapping if missing)' },
} as const satisfies Record<string, { default: string; description: string }>;

export type ConfigVariable = keyof typeof CONFIG_VARIABLES;
