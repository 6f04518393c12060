import { ErrorCode } from './ErrorCode';
import { DomainError } from './DomainError';

import type { StoreName } from '../StoreName';

/** A store did not answer (timeout, connection refused, open circuit breaker); `extensions.store` names it. */
export class StoreUnavailableError extends DomainError {
  constructor(
    readonly store: StoreName,
    reason: string,
    cause?: unknown,
  ) {
    super(`${store} is unavailable: ${reason}`, ErrorCode.UpstreamUnavailable, { store }, cause);
  }
}
