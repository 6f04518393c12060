import { polyglotApiSuite } from '../support/polyglotApiSuite';
import type { TestGateway } from '../support/testGateway';
import { ALL_STORES, describeStore } from './support/describeStore';
import { type PolyglotGateway, startPolyglotGateway } from './support/polyglotGateway';

/** Citations, trends and search through the gateway over the five real stores (see startPolyglotGateway). */
describeStore(ALL_STORES, 'citations, trends and search on the five real stores', () => {
  let poly: PolyglotGateway | undefined;
  const gateway = (): TestGateway => (poly as PolyglotGateway).gateway;

  beforeAll(async () => {
    poly = await startPolyglotGateway('poly');
  });

  afterAll(async () => {
    await poly?.stop();
  });

  it('serves each capability from its own store', async () => {
    const res = await gateway().gql<{ gateway: { stores: { store: string; backend: string }[] } }>('{ gateway { stores { store backend } } }');
    expect(res.data?.gateway.stores.map((s) => s.backend)).toEqual(['postgresql', 'redis', 'neo4j', 'influxdb', 'elasticsearch']);
  });

  polyglotApiSuite(gateway);
});
