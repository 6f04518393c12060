export { BadUserInputError } from './BadUserInputError';
export { ErrorCode } from './ErrorCode';
export { createFormatError } from './formatError';
export { GatewayError } from './GatewayError';
export { NotFoundError } from './NotFoundError';
export { UpstreamUnavailableError, type StoreName } from './UpstreamUnavailableError';
