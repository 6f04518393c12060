import type { Client } from '@elastic/elasticsearch';
import type { HealthProbe } from '../HealthProbe';
import type { StorePolicy } from '../shared/StorePolicy';
import { storeHealthProbe } from '../shared/storeHealthProbe';

/** Elasticsearch answers `HEAD /` with 200. */
export function elasticsearchHealth(client: Client, policies: readonly StorePolicy[]): HealthProbe {
  return storeHealthProbe(
    'elasticsearch',
    async (signal) => {
      if (!(await client.ping({}, { signal }))) throw new Error('elasticsearch did not answer HEAD /');
    },
    policies,
  );
}
