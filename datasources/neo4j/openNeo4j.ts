import neo4j from 'neo4j-driver';
import type { Logger } from '../../src/core/logger';
import type { OpenedStore } from '../OpenedStore';
import { StorePolicy, type StorePolicyOptions } from '../shared/StorePolicy';
import { isTransientNeo4jError } from './isTransientNeo4jError';
import { neo4jHealth } from './neo4jHealth';
import { Neo4jCitationGraph } from './Neo4jCitationGraph';
import { Neo4jProjection } from './Neo4jProjection';

export interface Neo4jConfig {
  readonly url: string;
  readonly user: string;
  readonly password: string;
}

export interface Neo4jOptions {
  /** Database name; unset: the server's default (home) database. */
  readonly database?: string;
  /** Tuning of the read policy (graph queries); the projection's writes get a 60 s timeout per attempt. */
  readonly policy?: Partial<StorePolicyOptions>;
}

/** Readiness: `RETURN 1` over the shared driver, and the breakers of both policies; `close` closes the shared driver (the projection's own `close()` leaves it open). */
export interface Neo4jStores extends OpenedStore {
  readonly graph: Neo4jCitationGraph;
  readonly projection: Neo4jProjection;
}

/**
 * One driver for the Neo4j citation graph and its projection. Connecting is lazy: a server that is down makes
 * calls fail as UPSTREAM_UNAVAILABLE (via the policy) instead of failing start-up. The driver's own retries
 * are off (`maxTransactionRetryTime: 0`) so that the cockatiel policy alone decides on retries and timeouts.
 */
export function openNeo4j(config: Neo4jConfig, logger: Logger, options: Neo4jOptions = {}): Neo4jStores {
  const log = logger.child({ store: 'neo4j' });
  const driver = neo4j.driver(config.url, neo4j.auth.basic(config.user, config.password), {
    maxTransactionRetryTime: 0,
    connectionTimeout: 5_000,
    connectionAcquisitionTimeout: 5_000,
    logging: { level: 'warn', logger: (level, message) => log[level](message) },
  });
  const readPolicy = new StorePolicy('neo4j', isTransientNeo4jError, options.policy);
  const writePolicy = new StorePolicy('neo4j', isTransientNeo4jError, { ...options.policy, timeoutMs: 60_000 });
  log.info({ url: config.url }, 'neo4j citation graph configured');
  return {
    graph: new Neo4jCitationGraph(driver, readPolicy, { database: options.database }),
    projection: new Neo4jProjection(driver, writePolicy, { database: options.database, ownsDriver: false }),
    health: neo4jHealth(driver, [readPolicy, writePolicy], options.database),
    describe: () => ({ store: 'neo4j', configured: true, backend: 'neo4j' }),
    close: () => driver.close(),
  };
}
