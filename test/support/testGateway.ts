import { loadConfig } from '../../src/config';
import { createLogger, type Logger } from '../../src/core/logger';
import { seedSampleIfEmpty } from '../../src/seed/seedSampleIfEmpty';
import { startGateway } from '../../src/server';
import type { SqlExecutor } from '../../datasources/postgres/SqlExecutor';
import type { OpenStoresOptions, Stores } from '../../src/stores';
import type { WritePath } from '../../src/writes/startWritePath';
import { openStoresWithSql } from './openStoresWithSql';
import { TEST_JWT_SECRET } from './testTokens';

/** A GraphQL response as the tests read it. */
export interface GqlResponse<T> {
  status: number;
  data?: T;
  errors?: { message: string; path?: (string | number)[]; extensions: { code: string; [key: string]: unknown } }[];
}

export interface GqlOptions {
  /** Sent as `Authorization: Bearer <token>`. */
  readonly token?: string;
}

export interface TestGateway {
  readonly url: string;
  readonly stores: Stores;
  /** The SQL executor under the catalog, for tests that look at tables directly. */
  readonly sql: SqlExecutor;
  /** The write side: article service and outbox relay. */
  readonly writePath: WritePath;
  gql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, options?: GqlOptions): Promise<GqlResponse<T>>;
  stop(): Promise<void>;
}

/**
 * The real gateway over HTTP on an ephemeral loopback port. `env` is the gateway's environment (defaults:
 * embedded in-memory PGlite, in-process LRU, the shipped sample seeded); `options.logger` gets its log lines
 * (default: none).
 */
export async function startTestGateway(env: Record<string, string> = {}, options: OpenStoresOptions & { readonly logger?: Logger } = {}): Promise<TestGateway> {
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', NODE_ENV: 'test', DATA_DIR: 'memory://', AUTH_JWT_SECRET: TEST_JWT_SECRET, ...env });
  const logger = options.logger ?? createLogger('silent');
  const { stores, sql } = await openStoresWithSql(config, logger, options);
  await seedSampleIfEmpty(config.postgres.seed, stores, logger);
  const gateway = await startGateway(config, logger, stores);
  return {
    url: gateway.url,
    stores,
    sql,
    writePath: gateway.writePath,
    gql: async <T>(query: string, variables?: Record<string, unknown>, options: GqlOptions = {}) => {
      const res = await fetch(gateway.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/graphql-response+json, application/json',
          ...(options.token === undefined ? {} : { authorization: `Bearer ${options.token}` }),
        },
        body: JSON.stringify({ query, variables }),
      });
      return { status: res.status, ...((await res.json()) as Omit<GqlResponse<T>, 'status'>) };
    },
    stop: async () => {
      await gateway.stop();
      await stores.close();
    },
  };
}
