import { startTestGateway, type TestGateway } from '../support/testGateway';

/** The real HTTP server on an ephemeral loopback port, embedded profile (no store configured). */
describe('gateway over HTTP (embedded profile)', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway();
  });
  afterAll(() => gateway.stop());

  it('answers a query at /graphql, naming the backend of each capability', async () => {
    const res = await gateway.gql<{ gateway: { stores: unknown[] } }>('{ gateway { stores { store configured backend } } }');
    expect(res.status).toBe(200);
    expect(res.data?.gateway.stores).toEqual([
      { store: 'POSTGRES', configured: false, backend: 'pglite' },
      { store: 'REDIS', configured: false, backend: 'lru' },
      { store: 'NEO4J', configured: false, backend: 'postgresql' },
      { store: 'INFLUXDB', configured: false, backend: 'postgresql' },
      { store: 'ELASTICSEARCH', configured: false, backend: 'postgresql' },
    ]);
  });

  it('rejects an invalid document with GRAPHQL_VALIDATION_FAILED', async () => {
    const res = await gateway.gql('{ gateway { nope } }');
    expect(res.status).toBe(400);
    expect(res.errors?.[0]?.extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('serves /health', async () => {
    const res = await fetch(new URL('/health', gateway.url));
    expect(await res.json()).toEqual({ status: 'ok' });
  });
});
