import { ErrorCode } from './ErrorCode';
import { DomainError } from './DomainError';

/**
 * The response would be larger than GRAPHQL_MAX_RESPONSE_BYTES: execution stopped where it crossed the limit and the
 * response holds only this error (`extensions.limit`, in bytes). Ask for smaller pages or fewer fields.
 */
export class ResponseTooLargeError extends DomainError {
  constructor(readonly limit: number) {
    super(`the response would be larger than the limit of ${limit} bytes; ask for smaller pages (first) or fewer fields`, ErrorCode.ResponseTooLarge, {
      limit,
    });
  }
}
