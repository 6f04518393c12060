import { ErrorCode } from './ErrorCode';
import { GatewayError } from './GatewayError';

/** The operation needs a valid bearer token and the request had none, or an invalid or expired one. */
export class UnauthenticatedError extends GatewayError {
  constructor(reason: string) {
    super(`authentication required: ${reason}`, ErrorCode.Unauthenticated);
  }
}
