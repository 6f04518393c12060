import { type IntegrationStore, storeEndpoints } from '../../support/storeEndpoints';

export const UNREACHABLE_ENV = 'GATEWAY_TEST_UNREACHABLE_STORES';

/** Every store, for suites that run the gateway over all five. */
export const ALL_STORES: readonly IntegrationStore[] = ['postgres', 'redis', 'neo4j', 'influxdb', 'elasticsearch'];

function unreachableReason(store: IntegrationStore): string | undefined {
  const raw = process.env[UNREACHABLE_ENV];
  if (raw === undefined) return undefined;
  return (JSON.parse(raw) as Partial<Record<IntegrationStore, string>>)[store];
}

/**
 * `describe` for tests that need one or more real stores. When a store did not answer the global probe:
 * with CI=true the block becomes a single failing test naming the store; otherwise it is skipped
 * (globalSetup has already printed a loud line saying how to start the store).
 */
export function describeStore(stores: IntegrationStore | readonly IntegrationStore[], name: string, fn: () => void): void {
  const list: readonly IntegrationStore[] = typeof stores === 'string' ? [stores] : stores;
  const label = list.length === ALL_STORES.length ? 'all stores' : list.join(', ');
  const missing = list.flatMap((store) => {
    const reason = unreachableReason(store);
    return reason === undefined ? [] : [{ store, reason }];
  });
  if (missing.length === 0) {
    describe(`[${label}] ${name}`, fn);
  } else if (process.env['CI'] === 'true') {
    describe(`[${label}] ${name}`, () => {
      for (const { store, reason } of missing) {
        it(`needs ${store} at ${storeEndpoints[store]}`, () => {
          throw new Error(`${store} is unreachable at ${storeEndpoints[store]}: ${reason} (run: scripts/services up ${store})`);
        });
      }
    });
  } else {
    // Deliberate skip outside CI only: the run says loudly which store is missing.
    describe.skip(`[${label}] ${name} (store unreachable: ${missing.map((m) => m.store).join(', ')})`, fn);
  }
}
