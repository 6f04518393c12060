import { ErrorCode } from './ErrorCode';
import { GatewayError } from './GatewayError';

import type { StoreName } from '../StoreName';

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
