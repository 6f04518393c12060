import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger } from '../../src/core/logger';
import { startTracing, type Tracing } from '../../src/observability/tracing';
import { startTestGateway, type TestGateway } from '../support/testGateway';

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes: { key: string; value: { stringValue?: string; intValue?: string | number } }[];
}

/**
 * Optional OpenTelemetry tracing, on: spans reach an OTLP/HTTP receiver (a loopback HTTP server standing in for
 * a collector) — a SERVER span per request that continues the caller's `traceparent`, and a CLIENT span per store
 * call under it.
 */
describe('OpenTelemetry tracing (OTEL_EXPORTER_OTLP_ENDPOINT set)', () => {
  const received: OtlpSpan[] = [];
  let collector: http.Server;
  let tracing: Tracing | undefined;
  let gateway: TestGateway;

  beforeAll(async () => {
    collector = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        if (req.url === '/v1/traces') {
          const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { resourceSpans: { scopeSpans: { spans: OtlpSpan[] }[] }[] };
          for (const rs of body.resourceSpans) for (const ss of rs.scopeSpans) received.push(...ss.spans);
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
    const { port } = collector.address() as AddressInfo;
    tracing = startTracing({ endpoint: `http://127.0.0.1:${port}`, serviceName: 'gateway-test' }, createLogger('silent'));
    gateway = await startTestGateway();
  });

  afterAll(async () => {
    await gateway?.stop();
    await tracing?.shutdown();
    await new Promise((resolve) => collector.close(resolve));
  });

  it('exports the request span in the caller trace, with the store calls under it', async () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const res = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', traceparent: `00-${traceId}-00f067aa0ba902b7-01` },
      body: JSON.stringify({ query: 'query TraceMe { works(first: 2) { nodes { id authorships { author { id } } } } }' }),
    });
    expect(res.status).toBe(200);
    await tracing?.shutdown();
    tracing = undefined;

    const server = received.find((s) => s.name === 'graphql TraceMe');
    expect(server).toBeDefined();
    expect(server?.traceId).toBe(traceId);
    expect(server?.parentSpanId).toBe('00f067aa0ba902b7');
    expect(server?.kind).toBe(2); // SERVER
    const storeCalls = received.filter((s) => s.parentSpanId === server?.spanId);
    expect(storeCalls.length).toBeGreaterThanOrEqual(2);
    for (const span of storeCalls) {
      expect(span.kind).toBe(3); // CLIENT
      expect(span.traceId).toBe(traceId);
      expect(span.attributes.find((a) => a.key === 'gateway.store')?.value.stringValue).toBe('postgres');
    }
  });
});
