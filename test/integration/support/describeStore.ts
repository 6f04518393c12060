import { type IntegrationStore, storeEndpoints } from '../../support/storeEndpoints';

export const UNREACHABLE_ENV = 'GATEWAY_TEST_UNREACHABLE_STORES';

function unreachableReason(store: IntegrationStore): string | undefined {
  const raw = process.env[UNREACHABLE_ENV];
  if (raw === undefined) return undefined;
  return (JSON.parse(raw) as Partial<Record<IntegrationStore, string>>)[store];
}

/**
 * `describe` for tests that need one real store. When the store did not answer the global probe:
 * with CI=true the block becomes a single failing test naming the store; otherwise it is skipped
 * (globalSetup has already printed a loud line saying how to start the store).
 */
export function describeStore(store: IntegrationStore, name: string, fn: () => void): void {
  const reason = unreachableReason(store);
  if (reason === undefined) {
    describe(`[${store}] ${name}`, fn);
  } else if (process.env['CI'] === 'true') {
    describe(`[${store}] ${name}`, () => {
      it(`needs ${store} at ${storeEndpoints[store]}`, () => {
        throw new Error(`${store} is unreachable at ${storeEndpoints[store]}: ${reason} (run: scripts/services up ${store})`);
      });
    });
  } else {
    // Deliberate skip outside CI only: the run says loudly which store is missing.
    describe.skip(`[${store}] ${name} (store unreachable)`, fn);
  }
}
