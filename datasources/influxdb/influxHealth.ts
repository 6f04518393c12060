import type { HealthProbe } from '../HealthProbe';
import type { StorePolicy } from '../shared/StorePolicy';
import { storeHealthProbe } from '../shared/storeHealthProbe';
import type { InfluxV1Client } from './InfluxV1Client';

/** InfluxDB answers `GET /ping` with 204. */
export function influxHealth(client: Pick<InfluxV1Client, 'ping'>, policies: readonly StorePolicy[]): HealthProbe {
  return storeHealthProbe(
    'influxdb',
    async () => {
      if (!(await client.ping())) throw new Error('influxdb /ping did not answer 204');
    },
    policies,
  );
}
