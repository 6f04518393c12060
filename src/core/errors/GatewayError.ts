import { GraphQLError } from 'graphql';
import type { ErrorCode } from './ErrorCode';

/** Base class of the gateway's typed errors: a `GraphQLError` whose `extensions.code` is always set. */
export abstract class GatewayError extends GraphQLError {
  protected constructor(message: string, code: ErrorCode, extensions: Record<string, unknown> = {}, cause?: unknown) {
    super(message, { extensions: { ...extensions, code }, originalError: cause instanceof Error ? cause : undefined });
    this.name = new.target.name;
  }

  get code(): ErrorCode {
    return this.extensions['code'] as ErrorCode;
  }
}
