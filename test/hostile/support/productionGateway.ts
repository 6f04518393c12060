import { startTestGateway, type TestGateway } from '../../support/testGateway';
import type { Logger } from '../../../src/core/logger';
import type { OpenStoresOptions } from '../../../src/stores';

/**
 * The gateway as production runs it (`NODE_ENV=production`: unexpected errors masked, introspection off), in this
 * process on the embedded profile (in-memory PGlite seeded with the sample, LRU cache), over its real HTTP server.
 * Hostile tests that need no process of their own start it here; `env` adds or overrides variables.
 */
export function startProductionGateway(env: Record<string, string> = {}, options: OpenStoresOptions & { readonly logger?: Logger } = {}): Promise<TestGateway> {
  return startTestGateway({ NODE_ENV: 'production', ...env }, options);
}
