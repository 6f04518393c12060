/**
 * Every environment variable the gateway reads, with its default and meaning.
 * README's configuration table and docker-compose.yml are checked against this list by tests,
 * so a new variable cannot ship undocumented.
 */
export const CONFIG_VARIABLES = {
  PORT: { default: '4000', description: 'HTTP port; GraphQL is served at /graphql' },
  HOST: { default: '0.0.0.0', description: 'Interface the HTTP server binds to' },
  HTTP_HEADERS_TIMEOUT_MS: {
    default: '10000',
    description: 'Longest a client may take to send the headers of a request; then it gets 408 (`REQUEST_TIMEOUT`) and its connection is closed. At most `HTTP_REQUEST_TIMEOUT_MS`',
  },
  HTTP_REQUEST_TIMEOUT_MS: {
    default: '30000',
    description: 'Longest a client may take to send a whole request, headers and body; then it gets 408 (`REQUEST_TIMEOUT`) and its connection is closed',
  },
  HTTP_MAX_CONNECTIONS: {
    default: '1024',
    description: 'Most connections open at once; a connection beyond it is closed as soon as it is accepted, unanswered (counted in `gateway_http_connections_dropped_total`)',
  },
  CORS_ORIGINS: {
    default: '(unset: no cross-origin access)',
    description: 'Comma-separated browser origins allowed to call `/graphql` (`https://app.example.org,http://localhost:3000`), with credentials (`Authorization`); `*` lets any other origin send anonymous requests only',
  },
  NODE_ENV: {
    default: 'development',
    description: '`production` masks unexpected errors and turns introspection off unless enabled',
  },
  LOG_LEVEL: { default: 'info', description: 'pino log level (trace, debug, info, warn, error, fatal, silent)' },
  DATABASE_URL: {
    default: '(unset: embedded PGlite)',
    description: 'PostgreSQL connection string; unset runs the same SQL on in-process PGlite',
  },
  PG_PREPARED_STATEMENTS: {
    default: '256',
    description: 'Most distinct statement texts each PostgreSQL connection keeps prepared (transactions excepted) (0–10000): a statement text seen twice is prepared under a name, so PostgreSQL parses it once per connection (it is still planned for its values every time); past the bound, statements run unnamed. `0` for a pooler that cannot keep named statements (PgBouncer in transaction mode before 1.21)',
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
  CITATION_WALK_MAX_NODES: {
    default: '10000',
    description: 'Most works one `citations` walk visits (1–100000): the walk stops there, keeping the first in the order depth, then id; `totalCount` is exact up to it and `totalCountCapped` says when it was reached',
  },
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
  ELASTICSEARCH_INDEX: { default: 'works', description: 'Name of the Elasticsearch works index: an alias over the concrete index `<name>_v<N>`, with `<name>_suggestions` beside it (created with their mappings if missing; see "Rebuilding the projections")' },
  GRAPHQL_MAX_DEPTH: { default: '12', description: 'Deepest field nesting of an operation (introspection not counted); deeper is `QUERY_TOO_DEEP`' },
  GRAPHQL_MAX_ALIASES: { default: '15', description: 'Most aliased fields in an operation; more is `TOO_MANY_ALIASES`' },
  GRAPHQL_MAX_TOKENS: { default: '1000', description: 'Most lexical tokens in a document (parsing stops there); more is `TOO_MANY_TOKENS`' },
  GRAPHQL_MAX_DIRECTIVES: { default: '25', description: 'Most directive uses in an operation; more is `TOO_MANY_DIRECTIVES`' },
  GRAPHQL_MAX_COST: {
    default: '50000',
    description: 'Highest estimated cost of a request (an upper bound of the objects its response can hold: lists multiplied by their `@listSize` bound; a batch counts all its operations); more is `QUERY_TOO_COMPLEX`',
  },
  GRAPHQL_MAX_RESPONSE_BYTES: {
    default: '8mb',
    description: 'Largest response of one request (its estimated JSON size, counted as fields resolve; bytes or `512kb`, `8mb`); past it execution stops and the answer is `RESPONSE_TOO_LARGE`',
  },
  GRAPHQL_HEAVY_RESPONSE_BYTES: {
    default: '256kb',
    description: 'A response growing past this size takes a place among `GRAPHQL_MAX_HEAVY_OPERATIONS` (waiting for one if none is free) until it is sent',
  },
  GRAPHQL_HEAVY_COST: {
    default: '20000',
    description: 'An operation estimated to cost more takes a place among `GRAPHQL_MAX_HEAVY_OPERATIONS` before it runs (waiting for one if none is free)',
  },
  GRAPHQL_MAX_HEAVY_OPERATIONS: {
    default: '2',
    description: 'Requests with large responses that execute and serialize at once; others wait in line, cheap requests never do',
  },
  GRAPHQL_MAX_BATCH: { default: '10', description: 'Most operations in one batched (JSON array) POST; more is `BATCH_LIMIT_EXCEEDED`; `1` turns batching off' },
  GRAPHQL_BODY_LIMIT: { default: '1mb', description: 'Largest request body (bytes, or with a unit: `512kb`, `1mb`); larger is `PAYLOAD_TOO_LARGE` (413)' },
  GRAPHQL_INTROSPECTION: { default: '(unset: on, except NODE_ENV=production)', description: '`true` / `false`: whether `__schema` and `__type` queries are answered' },
  GRAPHQL_SUGGESTIONS: {
    default: '(unset: on, except NODE_ENV=production)',
    description: '`true` / `false`: whether validation errors suggest field and type names ("Did you mean …?")',
  },
  GRAPHQL_PERSISTED_ONLY: {
    default: 'false',
    description: '`true`: allow-list mode, only the documents in `GRAPHQL_PERSISTED_DOCUMENTS` run; anything else is `QUERY_NOT_IN_SAFELIST`',
  },
  GRAPHQL_PERSISTED_DOCUMENTS: {
    default: '(unset)',
    description: 'JSON file of persisted documents (`{ "<sha256>": "<document>" }` or an Apollo persisted query manifest), served by hash',
  },
  GRAPHQL_REQUEST_TIMEOUT_MS: {
    default: '15000',
    description: 'Deadline of one HTTP request: store calls still running or starting after it fail with `REQUEST_TIMEOUT`',
  },
  SLOW_OPERATION_MS: { default: '1000', description: 'Requests taking longer are logged again at warn level as `slow operation`' },
  STORE_MAX_CONCURRENT_CALLS: { default: '32', description: 'Bulkhead: calls running at once through one store policy; more wait in its queue' },
  STORE_MAX_QUEUED_CALLS: {
    default: '128',
    description: 'Bulkhead: calls waiting per store policy; beyond that a call fails at once with `UPSTREAM_UNAVAILABLE` naming the store',
  },
  READY_REQUIRED_STORES: {
    default: 'postgres',
    description: 'Comma-separated stores that `/ready` needs up (postgres, redis, neo4j, influxdb, elasticsearch); other configured stores are reported only',
  },
  READY_PROBE_TIMEOUT_MS: { default: '2000', description: 'How long `/ready` waits for each store to answer its ping' },
  AUTH_JWT_SECRET: { default: '(unset: a development secret in `AUTH_DEV_SECRET_FILE`, except in production)', description: 'Shared secret (HS256, at least 32 characters) that bearer tokens are signed with' },
  AUTH_JWT_PUBLIC_KEY: { default: '(unset)', description: 'PEM public key (SPKI) of your identity provider; tokens are then verified with it instead of a secret' },
  AUTH_JWT_ALGORITHM: { default: 'RS256', description: 'Signature algorithm of tokens verified with `AUTH_JWT_PUBLIC_KEY` (RS256, PS256, ES256, EdDSA)' },
  AUTH_JWT_ISSUER: { default: 'openalex-gateway', description: 'Required `iss` claim of bearer tokens' },
  AUTH_JWT_AUDIENCE: { default: 'openalex-gateway', description: 'Required `aud` claim of bearer tokens' },
  AUTH_JWT_MAX_AGE: {
    default: '24h',
    description: 'Longest a bearer token may live (seconds, or `90m`, `24h`, `7d`): a token whose `exp − iat` is longer, or issued longer ago, is refused (`UNAUTHENTICATED`); `iat` is required and may not lie in the future',
  },
  AUTH_QUERIES: { default: 'public', description: '`public`: queries need no token; `authenticated`: every request needs a valid token' },
  AUTH_DEV_SECRET_FILE: { default: '.data/dev-jwt-secret', description: 'Where the development signing secret lives (created on first use; shared by `npm start` and `npm run token`); never used in production' },
  OUTBOX_RELAY: { default: 'on', description: '`on`: this process delivers outbox records to the projection stores; `off`: another replica does' },
  OUTBOX_POLL_MS: { default: '1000', description: 'How often an idle relay looks for outbox records (a mutation in the same process wakes it at once)' },
  OUTBOX_MAX_ATTEMPTS: { default: '10', description: 'Failed delivery attempts after which an outbox record is dead-lettered (kept, listed by the `outbox` admin query)' },
  OUTBOX_BACKOFF_MAX_MS: { default: '60000', description: 'Longest wait between two delivery attempts of an outbox record (backoff doubles from 500 ms up to this, with jitter)' },
  SYNC_WAIT_MS: { default: '5000', description: 'Longest a mutation with `waitForSync: true` waits for the projection stores' },
  SYNC_STATUS_MAX_WAITERS: {
    default: '100',
    description: 'Most `syncStatus(waitMs:)` calls that may wait at once in this process (each checks its change every 50–500 ms); beyond it a call answers the status at once, as with `waitMs: 0`. `0`: no call waits',
  },
  SYNC_TOKEN_SECRET: {
    default: '(unset: derived from `AUTH_JWT_SECRET` or the development secret)',
    description: 'Secret (at least 32 characters) the HMAC key of sync tokens (`syncToken`, `syncStatus`) is derived from; replicas must share it. Unset with only `AUTH_JWT_PUBLIC_KEY` configured, each process uses a random key of its own, so a token is read only by the replica that issued it, until it restarts (logged at start)',
  },
  RESPONSE_CACHE: { default: 'on', description: '`on`: repeated anonymous queries are answered from the response cache (Redis or LRU), invalidated by every write; `off`: always executed' },
  RESPONSE_CACHE_MAX_AGE: { default: '300', description: 'Cap, in seconds, on every response\'s `Cache-Control` max-age and response-cache lifetime; `0` makes every response `no-store`' },
  CACHE_MAX_BYTES: {
    default: '64mb',
    description: 'Bound of the in-process LRU used without Redis (entities, citation counts, trends, cached responses), counted at two bytes per character plus each entry\'s overhead; least recently used entries go first, expired ones every minute',
  },
  CACHE_HOT_BYTES: {
    default: '16mb',
    description: 'Bound of the decoded entities (works, bylines, authors, topics, sources, institutions, citation counts, trend series) each process keeps in front of Redis or the LRU, so a hot read costs no round trip and no JSON decode; an entry is served only under the write generation it was read in (every write starts a new one, heard by every replica through Redis; unheard for 1 s it is read again) and for at most 60 s. Counted at two bytes per character of its JSON plus overhead; `0` turns it off',
  },
  APQ_CACHE_MAX_BYTES: { default: '30mb', description: 'Bound of the in-process store of registered automatic persisted queries, used without Redis' },
  GRAPHQL_DOCUMENT_CACHE_BYTES: { default: '30mb', description: 'Bound of the cache of parsed and validated documents (by hash), reused by repeated operations' },
  SHUTDOWN_TIMEOUT_MS: {
    default: '10000',
    description: 'Bound on a graceful shutdown (SIGTERM/SIGINT): requests in flight, the outbox flush and closing the stores; past it, what is still open is logged and the process exits 1',
  },
  OTEL_EXPORTER_OTLP_ENDPOINT: { default: '(unset: tracing off)', description: 'OpenTelemetry OTLP/HTTP endpoint (e.g. `http://collector:4318`); set, the gateway exports a span per request and per store call to `<endpoint>/v1/traces`' },
  OTEL_SERVICE_NAME: { default: 'openalex-gateway', description: '`service.name` of the exported spans' },
} as const satisfies Record<string, { default: string; description: string }>;

export type ConfigVariable = keyof typeof CONFIG_VARIABLES;
