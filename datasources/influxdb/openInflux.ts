import type { Logger } from '../../src/core/logger';
import type { OpenedStore } from '../OpenedStore';
import { DEFAULT_STORE_POLICY, StorePolicy, type StorePolicyOptions } from '../shared/StorePolicy';
import { influxHealth } from './influxHealth';
import type { TrendStore } from '../TrendStore';
import type { SubjectTrendTotals } from '../writes/SubjectTrendTotals';
import { InfluxProjection } from './InfluxProjection';
import { InfluxTrendStore } from './InfluxTrendStore';
import { InfluxV1Client } from './InfluxV1Client';
import { isTransientInfluxError } from './isTransientInfluxError';

export interface InfluxConfig {
  readonly url: string;
  readonly database: string;
  /** Sent as `Authorization: Token …` (2.x/3.x v1 compatibility API); empty on 1.x without auth. */
  readonly token: string;
}

/** What the InfluxDB side needs from the catalog (PostgreSQL): the layout keeps per-subject totals only. */
export interface InfluxCatalogSide {
  /** Answers work subjects (a work's trend is its catalog row, not a series). */
  readonly workTrends: Pick<TrendStore, 'trends'>;
  /** The subjects to recompute and their totals, for the projection. */
  readonly totals: SubjectTrendTotals;
}

export interface OpenInfluxOptions {
  /** Tuning of the read policy (trend queries); the projection's writes get a 60 s timeout per attempt. */
  readonly policy?: Partial<StorePolicyOptions>;
}

/** The InfluxDB side of the gateway: trends read from the projection, and the projection that fills it. */
/** Readiness: `/ping`, and the breakers of both policies. */
export interface InfluxStores extends OpenedStore {
  readonly trends: InfluxTrendStore;
  readonly projection: InfluxProjection;
}

/** Per-attempt timeout of the projection's drops and writes. */
const WRITE_TIMEOUT_MS = 60_000;

/**
 * Two v1 HTTP clients (reads with the read policy's timeout, writes with a longer one) over one InfluxDB
 * database, and over StorePolicy('influxdb') the trend store and the projection, both leaning on the catalog
 * for what the layout does not hold (work trends, subjects' totals). Nothing connects until the
 * first call: a server that is down makes calls fail as UPSTREAM_UNAVAILABLE (via the policy) instead of
 * failing start-up. Call `projection.ensureSchema()` before the first apply.
 */
export function openInflux(config: InfluxConfig, catalog: InfluxCatalogSide, logger: Logger, options: OpenInfluxOptions = {}): InfluxStores {
  const log = logger.child({ store: 'influxdb' });
  const readPolicy = new StorePolicy('influxdb', isTransientInfluxError, options.policy);
  const writePolicy = new StorePolicy('influxdb', isTransientInfluxError, { ...options.policy, timeoutMs: WRITE_TIMEOUT_MS });
  const connection = { url: config.url, database: config.database, ...(config.token ? { token: config.token } : {}) };
  // The client's own timeout is a backstop; the policy's per-attempt timeout aborts first (its signal is passed on).
  const reader = new InfluxV1Client({ ...connection, timeoutMs: (options.policy?.timeoutMs ?? DEFAULT_STORE_POLICY.timeoutMs) + 1_000 });
  const writer = new InfluxV1Client({ ...connection, timeoutMs: WRITE_TIMEOUT_MS + 1_000 });
  log.info({ url: config.url, database: config.database }, 'influxdb trend store configured');
  return {
    trends: new InfluxTrendStore(reader, readPolicy, catalog.workTrends),
    projection: new InfluxProjection(writer, writePolicy, config.database, catalog.totals, log),
    health: influxHealth(reader, [readPolicy, writePolicy]),
    describe: () => ({ store: 'influxdb', configured: true, backend: 'influxdb' }),
    // fetch keeps no connection of ours open (its pool is process-wide): nothing to close.
    close: () => Promise.resolve(),
  };
}
