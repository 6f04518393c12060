import { ErrorCode } from './ErrorCode';
import { GatewayError } from './GatewayError';

/** Names of the stores behind the gateway, as they appear in errors, metrics and logs. */
export type StoreName = 'postgres' | 'redis' | 'neo4j' | 'influxdb' | 'elasticsearch';

/** A store did not answer (timeout, connection refused, open circuit breaker); `extensions.store` names it. */
export class UpstreamUnavailableError extends GatewayError {
  constructor(
    readonly store: StoreName,
    reason: string,
    cause?: unknown,
  ) {
    super(`${store} is unavailable: ${reason}`, ErrorCode.UpstreamUnavailable, { store }, cause);
  }
}
