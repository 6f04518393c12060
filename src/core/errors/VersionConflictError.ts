import { ErrorCode } from './ErrorCode';
import { DomainError } from './DomainError';

/**
 * A write was based on a version that is no longer current (optimistic concurrency): nothing was changed.
 * `extensions.currentVersion` tells the client what to re-read.
 */
export class VersionConflictError extends DomainError {
  constructor(entity: string, id: string, expectedVersion: number, currentVersion: number) {
    super(
      `${entity} ${id} is at version ${currentVersion}, not ${expectedVersion}: it changed since it was read; nothing was written`,
      ErrorCode.Conflict,
      { entity, id, expectedVersion, currentVersion },
    );
  }
}
