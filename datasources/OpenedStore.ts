import type { HealthProbe } from './HealthProbe';
import type { StoreDescription } from './StoreDescription';

/**
 * What opening one store gives besides its capabilities (datasources/<store>/open*.ts): its readiness probe, how
 * the `gateway` query describes it, and how to close what it opened.
 */
export interface OpenedStore {
  readonly health: HealthProbe;
  describe(): StoreDescription;
  close(): Promise<void>;
}
