import { z } from 'zod';
import { CONFIG_VARIABLES, type ConfigVariable } from './configVariables';
import { type CorsSettings, parseCorsOrigins } from './http/middleware/corsOrigins';
import { errorMessage } from './core/errorMessage';
import { STORE_NAMES, type StoreName } from './core/StoreName';
import { type AuthConfig, JWT_PUBLIC_KEY_ALGORITHMS } from './auth/AuthConfig';
import type { OutboxSettings } from './writes/OutboxSettings';


/** Validated gateway configuration. A store whose variable is unset is not used. */
export interface Config {
  readonly port: number;
  readonly host: string;
  /** Bounds of the HTTP server on slow or numerous clients (src/server.ts, src/http/middleware/clientErrors.ts). */
  readonly http: { readonly headersTimeoutMs: number; readonly requestTimeoutMs: number; readonly maxConnections: number };
  /** Browser origins allowed to call /graphql (CORS_ORIGINS; src/http/middleware/corsPolicy.ts). */
  readonly cors: CorsSettings;
  readonly nodeEnv: 'development' | 'production' | 'test';
  readonly logLevel: string;
  readonly postgres: { readonly url: string | undefined; readonly dataDir: string; readonly seed: 'sample' | 'none'; readonly preparedStatements: number };
  readonly redis: { readonly url: string } | undefined;
  readonly neo4j: { readonly url: string; readonly user: string; readonly password: string } | undefined;
  readonly influx: { readonly url: string; readonly database: string; readonly token: string } | undefined;
  readonly elasticsearch: { readonly url: string; readonly index: string } | undefined;
  /** Request limits and GraphQL-over-HTTP options of /graphql (src/http/limits/requestLimits.ts; README, "Limits"). */
  readonly graphql: GraphqlConfig;
  /** Most works one citation walk visits (CITATION_WALK_MAX_NODES; datasources/CitationGraph.ts `traverse`). */
  readonly citationWalkMaxNodes: number;
  /** Request deadline and per-store bulkheads. */
  readonly resilience: { readonly requestTimeoutMs: number; readonly maxConcurrentStoreCalls: number; readonly maxQueuedStoreCalls: number };
  /** Slow-operation log and readiness probes. */
  readonly observability: {
    readonly slowOperationMs: number;
    readonly readyRequiredStores: readonly StoreName[];
    readonly readyProbeTimeoutMs: number;
  };
  readonly auth: AuthConfig;
  readonly tracing: { readonly endpoint: string | undefined; readonly serviceName: string };
  readonly outbox: OutboxSettings;
  /** SYNC_TOKEN_SECRET: what sync tokens' HMAC key is derived from; unset, the bearer-token secret (src/writes/syncTokenKey.ts). */
  readonly syncTokenSecret: string | undefined;
  /** Byte bounds of the in-process caches (reported in /metrics as gateway_cache_max_bytes). */
  readonly caches: { readonly lruBytes: number; readonly hotBytes: number; readonly apqBytes: number; readonly documentBytes: number };
  /** Graceful shutdown on SIGTERM/SIGINT (src/lifecycle/Shutdown.ts). */
  readonly shutdown: { readonly timeoutMs: number };
  /** HTTP caching of /graphql: the response cache and the max-age cap (src/http/caching/ResponseCacheFront.ts, cachePolicyPlugin.ts; README, "HTTP caching"). */
  readonly responseCache: { readonly enabled: boolean; readonly maxAgeSeconds: number };
}

/** Request limits of the GraphQL endpoint (GRAPHQL_* variables). */
export interface GraphqlConfig {
  readonly maxDepth: number;
  readonly maxAliases: number;
  readonly maxTokens: number;
  readonly maxDirectives: number;
  readonly maxCost: number;
  /** Largest estimated response of one HTTP request, in bytes (GRAPHQL_MAX_RESPONSE_BYTES). */
  readonly maxResponseBytes: number;
  /** A response past this size waits for a place among `maxHeavyOperations` (GRAPHQL_HEAVY_RESPONSE_BYTES). */
  readonly heavyResponseBytes: number;
  /** An operation estimated to cost more takes a place among `maxHeavyOperations` before it runs (GRAPHQL_HEAVY_COST). */
  readonly heavyCost: number;
  /** Requests with large responses that may execute and serialize at once (GRAPHQL_MAX_HEAVY_OPERATIONS). */
  readonly maxHeavyOperations: number;
  readonly maxBatch: number;
  readonly bodyLimitBytes: number;
  readonly introspection: boolean;
  readonly suggestions: boolean;
  readonly persistedOnly: boolean;
  /** Path of the persisted documents JSON file, if any. */
  readonly persistedDocuments: string | undefined;
}

/** `true` / `false`; unset or empty: undefined (the default applies). */
const optionalBoolean = z
  .enum(['true', 'false', ''])
  .optional()
  .transform((v) => (v === undefined || v === '' ? undefined : v === 'true'));

const BYTE_UNITS = { b: 1, kb: 1024, mb: 1024 * 1024 } as const;

/** A size such as `1mb`, `512kb` or `65536` (bytes), as a number of bytes. */
const byteSize = z
  .string()
  .trim()
  .regex(/^\d+(\.\d+)?\s*(b|kb|mb)?$/i, 'a size in bytes, or with a unit: 512kb, 1mb')
  .transform((v) => {
    const [, amount = '0', , unit = 'b'] = /^(\d+(\.\d+)?)\s*(b|kb|mb)?$/i.exec(v) ?? [];
    return Math.floor(Number(amount) * BYTE_UNITS[unit.toLowerCase() as keyof typeof BYTE_UNITS]);
  })
  .pipe(z.number().int().min(1024, 'at least 1kb'));

const SPAN_UNITS = { s: 1, m: 60, h: 3600, d: 86_400 } as const;

/** A time span such as `24h`, `90m`, `7d` or `3600` (seconds), as a number of seconds. */
const timeSpan = z
  .string()
  .trim()
  .regex(/^\d+\s*(s|m|h|d)?$/i, 'a time span in seconds, or with a unit: 90m, 24h, 7d')
  .transform((v) => {
    const [, amount = '0', unit = 's'] = /^(\d+)\s*(s|m|h|d)?$/i.exec(v) ?? [];
    return Number(amount) * SPAN_UNITS[unit.toLowerCase() as keyof typeof SPAN_UNITS];
  })
  .pipe(z.number().int().min(60, 'at least 60 s').max(366 * 86_400, 'at most 366 days'));

const positiveInt = (max: number) => z.coerce.number().int().min(1).max(max);

const optionalUrl = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .pipe(z.url().optional())
  .optional();

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535),
  HOST: z.string().min(1),
  HTTP_HEADERS_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000),
  HTTP_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).max(3_600_000),
  HTTP_MAX_CONNECTIONS: z.coerce.number().int().min(1).max(1_000_000),
  CORS_ORIGINS: z
    .string()
    .default('')
    .transform((v, ctx) => {
      try {
        return parseCorsOrigins(v);
      } catch (err) {
        ctx.addIssue({ code: 'custom', message: errorMessage(err) });
        return z.NEVER;
      }
    }),
  NODE_ENV: z.enum(['development', 'production', 'test']),
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']),
  DATABASE_URL: optionalUrl,
  PG_PREPARED_STATEMENTS: z.coerce.number().int().min(0).max(10_000),
  DATA_DIR: z.string().min(1),
  SEED: z.enum(['sample', 'none']),
  REDIS_URL: optionalUrl,
  NEO4J_URL: optionalUrl,
  NEO4J_USER: z.string(),
  NEO4J_PASSWORD: z.string(),
  CITATION_WALK_MAX_NODES: z.coerce.number().int().min(1).max(100_000),
  INFLUX_URL: optionalUrl,
  INFLUX_DATABASE: z.string().min(1),
  INFLUX_TOKEN: z.string(),
  ELASTICSEARCH_URL: optionalUrl,
  ELASTICSEARCH_INDEX: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,99}$/, 'lowercase letters, digits, _ and - only'),
  GRAPHQL_MAX_DEPTH: positiveInt(1000),
  GRAPHQL_MAX_ALIASES: positiveInt(10_000),
  GRAPHQL_MAX_TOKENS: positiveInt(1_000_000),
  GRAPHQL_MAX_DIRECTIVES: positiveInt(10_000),
  GRAPHQL_MAX_COST: positiveInt(Number.MAX_SAFE_INTEGER),
  GRAPHQL_MAX_RESPONSE_BYTES: byteSize,
  GRAPHQL_HEAVY_RESPONSE_BYTES: byteSize,
  GRAPHQL_HEAVY_COST: positiveInt(Number.MAX_SAFE_INTEGER),
  GRAPHQL_MAX_HEAVY_OPERATIONS: positiveInt(1000),
  GRAPHQL_MAX_BATCH: positiveInt(1000),
  GRAPHQL_BODY_LIMIT: byteSize,
  GRAPHQL_INTROSPECTION: optionalBoolean,
  GRAPHQL_SUGGESTIONS: optionalBoolean,
  GRAPHQL_PERSISTED_ONLY: optionalBoolean,
  GRAPHQL_PERSISTED_DOCUMENTS: z.string().trim().default(''),
  GRAPHQL_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1).max(600_000),
  SLOW_OPERATION_MS: z.coerce.number().int().min(0),
  STORE_MAX_CONCURRENT_CALLS: z.coerce.number().int().min(1).max(10_000),
  STORE_MAX_QUEUED_CALLS: z.coerce.number().int().min(0).max(100_000),
  READY_REQUIRED_STORES: z
    .string()
    .transform((v) => v.split(',').map((s) => s.trim()).filter((s) => s !== ''))
    .pipe(z.array(z.enum(STORE_NAMES))),
  READY_PROBE_TIMEOUT_MS: z.coerce.number().int().min(1).max(60_000),
  AUTH_JWT_SECRET: z
    .string()
    .default('')
    .refine((v) => v === '' || v.length >= 32, 'must be at least 32 characters (HS256 needs a 256-bit secret)'),
  AUTH_JWT_PUBLIC_KEY: z
    .string()
    .default('')
    .refine((v) => v === '' || v.includes('-----BEGIN PUBLIC KEY-----'), 'must be a PEM public key (-----BEGIN PUBLIC KEY-----)'),
  AUTH_JWT_ALGORITHM: z.enum(JWT_PUBLIC_KEY_ALGORITHMS),
  AUTH_JWT_ISSUER: z.string().min(1),
  AUTH_JWT_AUDIENCE: z.string().min(1),
  AUTH_QUERIES: z.enum(['public', 'authenticated']),
  AUTH_JWT_MAX_AGE: timeSpan,
  AUTH_DEV_SECRET_FILE: z.string().min(1),
  OUTBOX_RELAY: z.enum(['on', 'off']),
  OUTBOX_POLL_MS: z.coerce.number().int().min(10).max(600_000),
  OUTBOX_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(1000),
  OUTBOX_BACKOFF_MAX_MS: z.coerce.number().int().min(500).max(3_600_000),
  OTEL_EXPORTER_OTLP_ENDPOINT: optionalUrl,
  OTEL_SERVICE_NAME: z.string().min(1),
  SYNC_WAIT_MS: z.coerce.number().int().min(0).max(60_000),
  SYNC_STATUS_MAX_WAITERS: z.coerce.number().int().min(0).max(100_000),
  SYNC_TOKEN_SECRET: z
    .string()
    .default('')
    .refine((v) => v === '' || v.length >= 32, 'must be at least 32 characters (an HMAC key must not be guessable)'),
  RESPONSE_CACHE: z.enum(['on', 'off']),
  RESPONSE_CACHE_MAX_AGE: z.coerce.number().int().min(0).max(86_400),
  CACHE_MAX_BYTES: byteSize,
  CACHE_HOT_BYTES: z.union([z.string().trim().regex(/^0$/).transform(() => 0), byteSize]),
  APQ_CACHE_MAX_BYTES: byteSize,
  GRAPHQL_DOCUMENT_CACHE_BYTES: byteSize,
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000),
} satisfies Record<ConfigVariable, z.ZodType>);

/** The GRAPHQL_* variables; introspection and suggestions default to on, except in production. */
function graphqlConfig(v: z.infer<typeof schema>): GraphqlConfig {
  const persistedOnly = v.GRAPHQL_PERSISTED_ONLY ?? false;
  const persistedDocuments = v.GRAPHQL_PERSISTED_DOCUMENTS === '' ? undefined : v.GRAPHQL_PERSISTED_DOCUMENTS;
  if (persistedOnly && persistedDocuments === undefined) {
    throw new ConfigError(['GRAPHQL_PERSISTED_ONLY: true needs GRAPHQL_PERSISTED_DOCUMENTS (the file of allowed documents)']);
  }
  return {
    maxDepth: v.GRAPHQL_MAX_DEPTH,
    maxAliases: v.GRAPHQL_MAX_ALIASES,
    maxTokens: v.GRAPHQL_MAX_TOKENS,
    maxDirectives: v.GRAPHQL_MAX_DIRECTIVES,
    maxCost: v.GRAPHQL_MAX_COST,
    maxResponseBytes: v.GRAPHQL_MAX_RESPONSE_BYTES,
    heavyResponseBytes: v.GRAPHQL_HEAVY_RESPONSE_BYTES,
    heavyCost: v.GRAPHQL_HEAVY_COST,
    maxHeavyOperations: v.GRAPHQL_MAX_HEAVY_OPERATIONS,
    maxBatch: v.GRAPHQL_MAX_BATCH,
    bodyLimitBytes: v.GRAPHQL_BODY_LIMIT,
    introspection: v.GRAPHQL_INTROSPECTION ?? v.NODE_ENV !== 'production',
    suggestions: v.GRAPHQL_SUGGESTIONS ?? v.NODE_ENV !== 'production',
    persistedOnly,
    persistedDocuments,
  };
}

/** Thrown when the environment does not describe a valid configuration; names every offending variable. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

/**
 * `env` with every unset variable given its default as CONFIG_VARIABLES documents it (the one place defaults are
 * written): a literal default is parsed like a value the user set, `(empty)` is the empty string, and a default
 * described in parentheses (`(unset: …)`) leaves the variable unset.
 */
function withDocumentedDefaults(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const filled: NodeJS.ProcessEnv = { ...env };
  for (const [name, variable] of Object.entries(CONFIG_VARIABLES)) {
    if (filled[name] !== undefined) continue;
    if (variable.default === '(empty)') filled[name] = '';
    else if (!variable.default.startsWith('(')) filled[name] = variable.default;
  }
  return filled;
}

/** Reads and validates the configuration from `env` (default: process.env). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(withDocumentedDefaults(env));
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const v = parsed.data;
  // Node refuses a header timeout longer than the request timeout (the headers are part of the request).
  if (v.HTTP_HEADERS_TIMEOUT_MS > v.HTTP_REQUEST_TIMEOUT_MS) {
    throw new ConfigError([`HTTP_HEADERS_TIMEOUT_MS: must not exceed HTTP_REQUEST_TIMEOUT_MS (${v.HTTP_HEADERS_TIMEOUT_MS} > ${v.HTTP_REQUEST_TIMEOUT_MS})`]);
  }
  return {
    port: v.PORT,
    host: v.HOST,
    http: { headersTimeoutMs: v.HTTP_HEADERS_TIMEOUT_MS, requestTimeoutMs: v.HTTP_REQUEST_TIMEOUT_MS, maxConnections: v.HTTP_MAX_CONNECTIONS },
    cors: v.CORS_ORIGINS,
    nodeEnv: v.NODE_ENV,
    logLevel: v.LOG_LEVEL,
    postgres: { url: v.DATABASE_URL, dataDir: v.DATA_DIR, seed: v.SEED, preparedStatements: v.PG_PREPARED_STATEMENTS },
    redis: v.REDIS_URL ? { url: v.REDIS_URL } : undefined,
    neo4j: v.NEO4J_URL ? { url: v.NEO4J_URL, user: v.NEO4J_USER, password: v.NEO4J_PASSWORD } : undefined,
    influx: v.INFLUX_URL ? { url: v.INFLUX_URL, database: v.INFLUX_DATABASE, token: v.INFLUX_TOKEN } : undefined,
    elasticsearch: v.ELASTICSEARCH_URL ? { url: v.ELASTICSEARCH_URL, index: v.ELASTICSEARCH_INDEX } : undefined,
    graphql: graphqlConfig(v),
    citationWalkMaxNodes: v.CITATION_WALK_MAX_NODES,
    resilience: {
      requestTimeoutMs: v.GRAPHQL_REQUEST_TIMEOUT_MS,
      maxConcurrentStoreCalls: v.STORE_MAX_CONCURRENT_CALLS,
      maxQueuedStoreCalls: v.STORE_MAX_QUEUED_CALLS,
    },
    observability: {
      slowOperationMs: v.SLOW_OPERATION_MS,
      readyRequiredStores: [...new Set(v.READY_REQUIRED_STORES)],
      readyProbeTimeoutMs: v.READY_PROBE_TIMEOUT_MS,
    },
    tracing: { endpoint: v.OTEL_EXPORTER_OTLP_ENDPOINT, serviceName: v.OTEL_SERVICE_NAME },
    auth: {
      key: authKey(v),
      issuer: v.AUTH_JWT_ISSUER,
      audience: v.AUTH_JWT_AUDIENCE,
      queries: v.AUTH_QUERIES,
      maxTokenAgeSeconds: v.AUTH_JWT_MAX_AGE,
    },
    outbox: { relay: v.OUTBOX_RELAY === 'on', pollIntervalMs: v.OUTBOX_POLL_MS, maxAttempts: v.OUTBOX_MAX_ATTEMPTS, maxBackoffMs: v.OUTBOX_BACKOFF_MAX_MS, syncWaitMs: v.SYNC_WAIT_MS,
      syncStatusMaxWaiters: v.SYNC_STATUS_MAX_WAITERS },
    syncTokenSecret: v.SYNC_TOKEN_SECRET === '' ? undefined : v.SYNC_TOKEN_SECRET,
    responseCache: { enabled: v.RESPONSE_CACHE === 'on', maxAgeSeconds: v.RESPONSE_CACHE_MAX_AGE },
    shutdown: { timeoutMs: v.SHUTDOWN_TIMEOUT_MS },
    caches: { lruBytes: v.CACHE_MAX_BYTES, hotBytes: v.CACHE_HOT_BYTES, apqBytes: v.APQ_CACHE_MAX_BYTES, documentBytes: v.GRAPHQL_DOCUMENT_CACHE_BYTES },
  };
}

/** A configured key wins; without one, development and tests use the secret file, production verifies nothing (mutations refused). */
function authKey(v: z.infer<typeof schema>): AuthConfig['key'] {
  if (v.AUTH_JWT_PUBLIC_KEY !== '') return { kind: 'publicKey', pem: v.AUTH_JWT_PUBLIC_KEY, algorithm: v.AUTH_JWT_ALGORITHM };
  if (v.AUTH_JWT_SECRET !== '') return { kind: 'secret', secret: v.AUTH_JWT_SECRET };
  return v.NODE_ENV === 'production' ? { kind: 'none' } : { kind: 'devSecretFile', path: v.AUTH_DEV_SECRET_FILE };
}
