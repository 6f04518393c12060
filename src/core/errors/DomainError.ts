import type { ErrorCode } from './ErrorCode';

/**
 * Base class of the gateway's domain errors: a plain Error with a code (and whatever details the client may see,
 * in `extensions`), thrown anywhere below the API. Only the API edge turns it into a GraphQL error
 * (src/http/graphql/graphqlErrors.ts): the code becomes `extensions.code`, and errors about arguments gain their path.
 */
export abstract class DomainError extends Error {
  /** `code` and the details shown to the client. */
  readonly extensions: Readonly<Record<string, unknown>>;

  protected constructor(message: string, code: ErrorCode, extensions: Record<string, unknown> = {}, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = new.target.name;
    this.extensions = { ...extensions, code };
  }

  get code(): ErrorCode {
    return this.extensions['code'] as ErrorCode;
  }
}
