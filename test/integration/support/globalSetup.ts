import { storeEndpoints } from '../../support/storeEndpoints';
import { probeStores } from './probeStores';
import { UNREACHABLE_ENV } from './describeStore';

/**
 * Probes the five real stores once per run and hands the unreachable ones to the test workers through
 * the environment. Outside CI each missing store gets one loud line naming the command that starts it;
 * with CI=true the tests of a missing store fail (see describeStore).
 */
// Jest requires the global setup module to default-export its function.
// eslint-disable-next-line import/no-default-export
export default async function globalSetup(): Promise<void> {
  const unreachable = await probeStores();
  process.env[UNREACHABLE_ENV] = JSON.stringify(Object.fromEntries(unreachable));
  for (const [store, reason] of unreachable) {
    const line = `!!! ${store} is NOT reachable at ${storeEndpoints[store]} (${reason}) — start it with: scripts/services up ${store}`;
    process.stderr.write(`\n${line}${process.env['CI'] === 'true' ? ' — CI=true: its tests FAIL' : ' — its tests are SKIPPED'}\n`);
  }
}
