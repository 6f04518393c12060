import type { BreakerState } from '../../src/core/BreakerState';
import type { HealthProbe } from '../HealthProbe';
import type { StorePolicy } from './StorePolicy';
import type { StoreName } from '../../src/core/StoreName';

const SEVERITY: Readonly<Record<BreakerState, number>> = { closed: 0, 'half-open': 1, open: 2 };

/** A HealthProbe from a store's ping and the policies its calls go through (a store may have several). */
export function storeHealthProbe(
  store: StoreName,
  ping: (signal: AbortSignal) => Promise<unknown>,
  policies: readonly Pick<StorePolicy, 'breakerState'>[],
): HealthProbe {
  return {
    store,
    ping: async (signal) => {
      await ping(signal);
    },
    breakerState: () =>
      policies.reduce<BreakerState>((worst, policy) => (SEVERITY[policy.breakerState] > SEVERITY[worst] ? policy.breakerState : worst), 'closed'),
  };
}
