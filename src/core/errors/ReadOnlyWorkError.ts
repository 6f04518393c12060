import { ErrorCode } from './ErrorCode';
import { DomainError } from './DomainError';

/**
 * A mutation aimed at a work imported from OpenAlex: FORBIDDEN whoever asks, with `extensions.reason`
 * `IMPORTED_FROM_OPENALEX`. Such works are read-only through the API because the next import (`npm run seed`)
 * writes OpenAlex's version again: an edit would be silently overwritten, a deleted work brought back.
 */
export class ReadOnlyWorkError extends DomainError {
  constructor(workId: string) {
    super(
      `work ${workId} was imported from OpenAlex and is read-only here: the next import would overwrite a change (or bring a deleted work back). Only articles created with createArticle (ids WG…) can be changed.`,
      ErrorCode.Forbidden,
      { reason: 'IMPORTED_FROM_OPENALEX', workId },
    );
  }
}
