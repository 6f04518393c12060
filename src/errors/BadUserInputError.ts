import { ErrorCode } from './ErrorCode';
import { GatewayError } from './GatewayError';

/** The request's arguments are invalid; `extensions.argument` names the offending argument or field. */
export class BadUserInputError extends GatewayError {
  constructor(message: string, argument?: string) {
    super(message, ErrorCode.BadUserInput, argument === undefined ? {} : { argument });
  }
}
