import { articleMutationSuite } from '../support/articleMutationSuite';
import { ALL_STORES, describeStore } from './support/describeStore';
import { type PolyglotGateway, startPolyglotGateway } from './support/polyglotGateway';

/**
 * The article mutation suite on the five real stores: every change reaches Elasticsearch, Neo4j and InfluxDB
 * through the outbox relay, and `waitForSync` reports it applied in each.
 */
describeStore(ALL_STORES, 'article mutations on the five real stores', () => {
  let poly: PolyglotGateway | undefined;

  beforeAll(async () => {
    poly = await startPolyglotGateway('mut');
  });

  afterAll(async () => {
    await poly?.stop();
  });

  articleMutationSuite(() => ({ gateway: (poly as PolyglotGateway).gateway, projectionStores: ['NEO4J', 'INFLUXDB', 'ELASTICSEARCH'] }));
});
