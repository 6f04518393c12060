
import type { StoreName } from '../src/core/StoreName';
import type { BreakerState } from '../src/core/BreakerState';

/**
 * How readiness asks one configured store whether it answers. `ping` sends the cheapest request the store
 * has (PostgreSQL `SELECT 1`, Redis `PING`, Neo4j `RETURN 1`, InfluxDB `/ping`, Elasticsearch `HEAD /`)
 * straight to the store, bypassing its policy: a probe must neither be short-circuited by an open breaker
 * nor count towards opening it. The caller bounds it with a timeout (and may abort `signal`).
 */
export interface HealthProbe {
  readonly store: StoreName;
  /** Resolves when the store answered; rejects otherwise. */
  ping(signal: AbortSignal): Promise<void>;
  /** The worst state among the breakers of the store's policies (open > half-open > closed). */
  breakerState(): BreakerState;
}
