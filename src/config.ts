import { z } from 'zod';
import type { ConfigVariable } from './configVariables';

/** Validated gateway configuration. A store whose variable is unset is not used. */
export interface Config {
  readonly port: number;
  readonly host: string;
  readonly nodeEnv: 'development' | 'production' | 'test';
  readonly logLevel: string;
  readonly postgres: { readonly url: string | undefined; readonly dataDir: string; readonly seed: 'sample' | 'none' };
  readonly redis: { readonly url: string } | undefined;
  readonly neo4j: { readonly url: string; readonly user: string; readonly password: string } | undefined;
  readonly influx: { readonly url: string; readonly database: string; readonly token: string } | undefined;
  readonly elasticsearch: { readonly url: string; readonly index: string } | undefined;
}

const optionalUrl = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .pipe(z.url().optional())
  .optional();

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().min(1).default('0.0.0.0'),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
  DATABASE_URL: optionalUrl,
  DATA_DIR: z.string().min(1).default('.data/pglite'),
  SEED: z.enum(['sample', 'none']).default('sample'),
  REDIS_URL: optionalUrl,
  NEO4J_URL: optionalUrl,
  NEO4J_USER: z.string().default('neo4j'),
  NEO4J_PASSWORD: z.string().default(''),
  INFLUX_URL: optionalUrl,
  INFLUX_DATABASE: z.string().min(1).default('openalex'),
  INFLUX_TOKEN: z.string().default(''),
  ELASTICSEARCH_URL: optionalUrl,
  ELASTICSEARCH_INDEX: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,99}$/, 'lowercase letters, digits, _ and - only').default('works'),
} satisfies Record<ConfigVariable, z.ZodType>);

/** Thrown when the environment does not describe a valid configuration; names every offending variable. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

/** Reads and validates the configuration from `env` (default: process.env). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const v = parsed.data;
  return {
    port: v.PORT,
    host: v.HOST,
    nodeEnv: v.NODE_ENV,
    logLevel: v.LOG_LEVEL,
    postgres: { url: v.DATABASE_URL, dataDir: v.DATA_DIR, seed: v.SEED },
    redis: v.REDIS_URL ? { url: v.REDIS_URL } : undefined,
    neo4j: v.NEO4J_URL ? { url: v.NEO4J_URL, user: v.NEO4J_USER, password: v.NEO4J_PASSWORD } : undefined,
    influx: v.INFLUX_URL ? { url: v.INFLUX_URL, database: v.INFLUX_DATABASE, token: v.INFLUX_TOKEN } : undefined,
    elasticsearch: v.ELASTICSEARCH_URL ? { url: v.ELASTICSEARCH_URL, index: v.ELASTICSEARCH_INDEX } : undefined,
  };
}
