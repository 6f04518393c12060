import { syncStatusSuite } from '../support/syncStatusSuite';
import { ALL_STORES, describeStore } from './support/describeStore';
import { type PolyglotGateway, startPolyglotGateway } from './support/polyglotGateway';

/**
 * Sync tokens on the five real stores: a change made without `waitForSync` is reported PENDING until the outbox relay
 * delivers it, then APPLIED in Neo4j, InfluxDB and Elasticsearch — and `searchWorks` then finds the article.
 */
describeStore(ALL_STORES, 'sync tokens on the five real stores', () => {
  let poly: PolyglotGateway | undefined;

  beforeAll(async () => {
    poly = await startPolyglotGateway('sync');
  });

  afterAll(async () => {
    await poly?.stop();
  });

  syncStatusSuite(() => ({ gateway: (poly as PolyglotGateway).gateway, projectionStores: ['NEO4J', 'INFLUXDB', 'ELASTICSEARCH'] }));
});
