import { ErrorCode } from './ErrorCode';
import { DomainError } from './DomainError';

/** The entity a non-null field or a mutation needs does not exist. */
export class NotFoundError extends DomainError {
  constructor(entity: string, id: string) {
    super(`${entity} ${id} was not found`, ErrorCode.NotFound, { entity, id });
  }
}
