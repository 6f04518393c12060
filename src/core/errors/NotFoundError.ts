import { ErrorCode } from './ErrorCode';
import { GatewayError } from './GatewayError';

/** The entity a non-null field or a mutation needs does not exist. */
export class NotFoundError extends GatewayError {
  constructor(entity: string, id: string) {
    super(`${entity} ${id} was not found`, ErrorCode.NotFound, { entity, id });
  }
}
