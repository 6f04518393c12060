import type { TestGateway } from '../support/testGateway';
import { workPageSuite } from '../support/workPageSuite';
import { ALL_STORES, describeStore } from './support/describeStore';
import { type PolyglotGateway, startPolyglotGateway } from './support/polyglotGateway';

/** The work page and the graph view through the gateway over the real stores: the catalog in PostgreSQL, the graph in Neo4j. */
describeStore(ALL_STORES, 'work page data and citation subgraphs on the real stores', () => {
  let poly: PolyglotGateway | undefined;
  const gateway = (): TestGateway => (poly as PolyglotGateway).gateway;

  beforeAll(async () => {
    poly = await startPolyglotGateway('workpage');
  });
  afterAll(async () => {
    await poly?.stop();
  });

  it('answers citations from Neo4j and the catalog from PostgreSQL', async () => {
    const res = await gateway().gql<{ gateway: { stores: { store: string; backend: string }[] } }>('{ gateway { stores { store backend } } }');
    expect(res.data?.gateway.stores.map((s) => s.backend).slice(0, 3)).toEqual(['postgresql', 'redis', 'neo4j']);
  });

  workPageSuite(gateway);
});
