import net from 'node:net';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { type GatewayProcess, spawnGateway } from '../support/gatewayProcess';
import { expectData, expectTypedError, rawExchange, rawRequest, type RawResponse } from './support/hostileHttp';

const ROOT = path.join(__dirname, '..', '..');
const HEADERS_TIMEOUT_MS = 2_000;
const REQUEST_TIMEOUT_MS = 3_000;
const MAX_CONNECTIONS = 6;

const QUERY = JSON.stringify({ query: '{ gateway { version } }' });

/** `{"a":{"a":…1…}}` nested `depth` objects deep. */
const nested = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

describe('the HTTP transport under hostile clients (npm start, NODE_ENV=production)', () => {
  let gateway: GatewayProcess;
  const post = (body: string | Buffer, headers: Record<string, string> = {}) =>
    rawRequest(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers }, body });

  beforeAll(async () => {
    gateway = await spawnGateway('npm', ['start'], {
      cwd: ROOT,
      env: {
        NODE_ENV: 'production',
        HTTP_HEADERS_TIMEOUT_MS: String(HEADERS_TIMEOUT_MS),
        HTTP_REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS),
        HTTP_MAX_CONNECTIONS: String(MAX_CONNECTIONS),
      },
    });
  });
  afterAll(() => gateway?.kill());

  describe('bodies the parser cannot read: 400/415 in JSON, never the HTML error page', () => {
    it('reads a well-formed gzip body (control)', async () => {
      expect(expectData<{ gateway: { version: string } }>(await post(gzipSync(QUERY), { 'content-encoding': 'gzip' })).gateway.version).toMatch(/\d/);
    });

    it.each([
      ['gzip', 'garbage'],
      ['br', 'garbage'],
      ['deflate', 'garbage'],
      ['gzip', gzipSync(QUERY).subarray(0, 20)],
    ])('content-encoding %s with a body that is not that encoding', async (encoding, body) => {
      expectTypedError(await post(body, { 'content-encoding': encoding }), { status: 400, code: 'BAD_REQUEST', message: new RegExp(`not valid ${encoding} data`) });
    });

    it('an encoding it does not decode, a charset it does not read: 415', async () => {
      expectTypedError(await post(QUERY, { 'content-encoding': 'compress' }), { status: 415, code: 'BAD_REQUEST', message: /Content-Encoding/ });
      expectTypedError(await post(QUERY, { 'content-type': 'application/json; charset=klingon' }), { status: 415, code: 'BAD_REQUEST', message: /charset/ });
    });

    it('a body that is not JSON', async () => {
      expectTypedError(await post('{"query": '), { status: 400, code: 'BAD_REQUEST', message: /not valid JSON/ });
    });
  });

  describe('routes nothing serves, and no X-Powered-By', () => {
    it.each([['GET', '/nothing'], ['POST', '/health'], ['DELETE', '/metrics'], ['GET', '/graphiql?x=%00']])('%s %s: 404 in JSON', async (method, target) => {
      const res = await rawRequest(`${gateway.base}${target}`, { method, path: target });
      expectTypedError(res, { status: 404, code: 'NOT_FOUND' });
      expect(res.headers['x-powered-by']).toBeUndefined();
    });

    it('no response names Express', async () => {
      const responses: RawResponse[] = [
        await post(QUERY),
        await post('{"query": '),
        await rawRequest(`${gateway.base}/health`),
        await rawRequest(`${gateway.base}/metrics`),
        await rawRequest(gateway.url, { headers: { accept: 'text/html' } }),
      ];
      for (const res of responses) expect({ status: res.status, poweredBy: res.headers['x-powered-by'] }).toEqual({ status: res.status, poweredBy: undefined });
    });
  });

  describe('JSON nested too deep to walk', () => {
    it('5,000-deep variables with an unused query: 400 JSON_TOO_DEEP, not a stack overflow', async () => {
      const res = await post(`{"query":"{ gateway { version } }","variables":${nested(5000)}}`);
      expectTypedError(res, { status: 400, code: 'JSON_TOO_DEEP', message: /deeper than 64 levels/ });
      expect((res.json as { errors: { extensions: { limit: number } }[] }).errors[0]?.extensions.limit).toBe(64);
    });

    it('the same in extensions, in a batch, and in GET parameters', async () => {
      expectTypedError(await post(`{"query":"{ gateway { version } }","extensions":${nested(100)}}`), { status: 400, code: 'JSON_TOO_DEEP' });
      expectTypedError(await post(`[{"query":"{ gateway { version } }","variables":${nested(65)}}]`), { status: 400, code: 'JSON_TOO_DEEP' });
      const url = new URL(gateway.url);
      url.searchParams.set('query', '{ gateway { version } }');
      url.searchParams.set('variables', nested(1000));
      expectTypedError(await rawRequest(url.href, { headers: { 'apollo-require-preflight': 'true' } }), { status: 400, code: 'JSON_TOO_DEEP' });
    });

    it('variables nested within the bound still run (control)', async () => {
      expect(expectData<{ gateway: unknown }>(await post(`{"query":"{ gateway { version } }","variables":${nested(60)}}`)).gateway).toBeTruthy();
    });
  });

  describe('a subscription, which the schema does not have', () => {
    it('is a validation error saying so: 400 for graphql-response+json, 200 for application/json', async () => {
      const body = JSON.stringify({ query: 'subscription { gateway { version } }' });
      const modern = await post(body);
      expectTypedError(modern, { status: 400, code: 'GRAPHQL_VALIDATION_FAILED', message: /no subscription root type: this gateway serves queries and mutations only/ });
      const legacy = await post(body, { accept: 'application/json' });
      expectTypedError(legacy, { status: 200, code: 'GRAPHQL_VALIDATION_FAILED', message: /subscription/ });
      expect((legacy.json as { data?: unknown }).data).toBeUndefined();
    });
  });

  describe('slow clients', () => {
    it(`sending headers and 3 bytes of a 1,000-byte body: 408 in JSON after ${REQUEST_TIMEOUT_MS} ms, connection closed`, async () => {
      const exchange = await rawExchange(gateway.url, 'POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"q');
      expect(exchange.closedAfterMs).toBeGreaterThanOrEqual(REQUEST_TIMEOUT_MS - 100);
      expect(exchange.closedAfterMs).toBeLessThan(REQUEST_TIMEOUT_MS + 2_500);
      const error = expectTypedError(exchange.response as RawResponse, { status: 408, code: 'REQUEST_TIMEOUT', message: /HTTP_REQUEST_TIMEOUT_MS/ });
      expect(error.extensions['timeoutMs']).toBe(REQUEST_TIMEOUT_MS);
    });

    it(`sending half the headers: 408 in JSON after ${HEADERS_TIMEOUT_MS} ms`, async () => {
      const exchange = await rawExchange(gateway.url, 'POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Ty');
      expect(exchange.closedAfterMs).toBeGreaterThanOrEqual(HEADERS_TIMEOUT_MS - 100);
      expect(exchange.closedAfterMs).toBeLessThan(HEADERS_TIMEOUT_MS + 2_500);
      expectTypedError(exchange.response as RawResponse, { status: 408, code: 'REQUEST_TIMEOUT', message: /HTTP_HEADERS_TIMEOUT_MS/ });
    });

    it('sending bytes that are not HTTP: 400 in JSON', async () => {
      const exchange = await rawExchange(gateway.url, 'HELLO\r\n\r\n');
      expectTypedError(exchange.response as RawResponse, { status: 400, code: 'BAD_REQUEST' });
    });

    it('the log tells what the slow client got', () => {
      const slow = gateway.logs.find((l) => l.msg === 'request completed' && l['outcome'] === 'aborted');
      expect(slow?.['status']).toBe(408);
    });
  });

  describe(`the connection cap (HTTP_MAX_CONNECTIONS=${MAX_CONNECTIONS})`, () => {
    it('closes connections beyond the cap unanswered, counts them, and serves again once one closes', async () => {
      const base = new URL(gateway.base);
      const open = () =>
        new Promise<net.Socket>((resolve, reject) => {
          const socket = net.connect(Number(base.port), base.hostname, () => resolve(socket));
          socket.on('error', reject);
        });
      const held = await Promise.all(Array.from({ length: MAX_CONNECTIONS }, open));
      try {
        const refused = await rawExchange(gateway.url, 'GET /health HTTP/1.1\r\nHost: x\r\n\r\n', 5_000);
        expect(refused.received).toBe('');
        expect(refused.closedAfterMs).toBeLessThan(1_000);
        held.pop()?.destroy();
        await new Promise((resolve) => setTimeout(resolve, 200));
        const served = await rawExchange(gateway.url, 'GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n', 5_000);
        expect(served.response?.status).toBe(200);
      } finally {
        for (const socket of held) socket.destroy();
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
      const metrics = await rawRequest(`${gateway.base}/metrics`);
      expect(metrics.text).toMatch(/^gateway_http_connections_dropped_total [1-9]/m);
    });
  });
});
