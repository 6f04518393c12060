import type { Config } from './config';

/** Per-request context handed to every resolver. Built fresh for each request. */
export interface GatewayContext {
  readonly config: Config;
}
