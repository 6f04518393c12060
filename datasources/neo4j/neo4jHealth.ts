import neo4j, { type Driver } from 'neo4j-driver';
import type { HealthProbe } from '../HealthProbe';
import type { StorePolicy } from '../shared/StorePolicy';
import { storeHealthProbe } from '../shared/storeHealthProbe';

/** Neo4j answers `RETURN 1` on the gateway's database (a read, so any cluster member may answer). */
export function neo4jHealth(driver: Pick<Driver, 'executeQuery'>, policies: readonly StorePolicy[], database?: string): HealthProbe {
  return storeHealthProbe('neo4j', () => driver.executeQuery('RETURN 1', {}, { database, routing: neo4j.routing.READ }), policies);
}
