import type { HealthProbe } from '../HealthProbe';
import type { StorePolicy } from '../shared/StorePolicy';
import { storeHealthProbe } from '../shared/storeHealthProbe';
import type { SqlExecutor } from './SqlExecutor';

/** PostgreSQL (or PGlite) answers `SELECT 1`. */
export function postgresHealth(sql: Pick<SqlExecutor, 'query'>, policies: readonly StorePolicy[]): HealthProbe {
  return storeHealthProbe('postgres', () => sql.query('SELECT 1'), policies);
}
