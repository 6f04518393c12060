import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { type Gateway, startGateway } from '../../src/server';

/** The real HTTP server on an ephemeral loopback port, embedded profile (no store configured). */
describe('gateway over HTTP (embedded profile)', () => {
  let gateway: Gateway;
  beforeAll(async () => {
    gateway = await startGateway(loadConfig({ PORT: '0', HOST: '127.0.0.1', NODE_ENV: 'test' }), createLogger('silent'));
  });
  afterAll(() => gateway.stop());

  const post = (query: string) =>
    fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });

  it('answers a query at /graphql, naming the backend of each capability', async () => {
    const res = await post('{ gateway { stores { store configured backend } } }');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { data: { gateway: { stores: unknown[] } } };
    expect(body.data.gateway.stores).toEqual([
      { store: 'POSTGRES', configured: false, backend: 'pglite' },
      { store: 'REDIS', configured: false, backend: 'lru' },
      { store: 'NEO4J', configured: false, backend: 'postgresql' },
      { store: 'INFLUXDB', configured: false, backend: 'postgresql' },
      { store: 'ELASTICSEARCH', configured: false, backend: 'postgresql' },
    ]);
  });

  it('rejects an invalid document with GRAPHQL_VALIDATION_FAILED', async () => {
    const res = await post('{ gateway { nope } }');
    const body = (await res.json()) as { errors: { extensions: { code: string } }[] };
    expect(res.status).toBe(400);
    expect(body.errors[0]?.extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('serves /health', async () => {
    const res = await fetch(new URL('/health', gateway.url));
    expect(await res.json()).toEqual({ status: 'ok' });
  });
});
