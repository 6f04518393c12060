import { Registry } from 'prom-client';
import { GatewayMetrics, registerOutboxStats, type OutboxStats } from '../../../../src/core/metrics';
import type { BreakerState } from '../../../../src/core/BreakerState';

async function values(metrics: GatewayMetrics, name: string) {
  return (await metrics.registry.getSingleMetric(name)?.get())?.values ?? [];
}

describe('GatewayMetrics: outbox gauges', () => {
  it('are 0 until the outbox registers its statistics', async () => {
    const metrics = new GatewayMetrics(new Registry());
    expect(await values(metrics, 'gateway_outbox_records')).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ labels: { state: 'pending' }, value: 0 }),
        expect.objectContaining({ labels: { state: 'dead_lettered' }, value: 0 }),
      ]),
    );
    expect((await values(metrics, 'gateway_outbox_oldest_record_age_seconds'))[0]?.value).toBe(0);
  });

  it('report what the registered source answers, asking it once per scrape', async () => {
    const metrics = new GatewayMetrics(new Registry());
    let calls = 0;
    let stats: OutboxStats = { pending: 7, deadLettered: 2, oldestPendingAgeSeconds: 42.5 };
    registerOutboxStats(async () => {
      calls += 1;
      return stats;
    }, metrics);
    const text = await metrics.registry.metrics();
    expect(text).toContain('gateway_outbox_records{state="pending"} 7');
    expect(text).toContain('gateway_outbox_records{state="dead_lettered"} 2');
    expect(text).toContain('gateway_outbox_oldest_record_age_seconds 42.5');
    expect(calls).toBe(1);
    stats = { pending: 0, deadLettered: 2, oldestPendingAgeSeconds: null };
    const next = await metrics.registry.metrics();
    expect(next).toContain('gateway_outbox_records{state="pending"} 0');
    expect(next).toContain('gateway_outbox_oldest_record_age_seconds 0');
    expect(calls).toBe(2);
  });

  it('fall back to 0 when the source fails, without failing the scrape', async () => {
    const metrics = new GatewayMetrics(new Registry());
    metrics.registerOutboxStats(() => Promise.reject(new Error('database down')));
    const text = await metrics.registry.metrics();
    expect(text).toContain('gateway_outbox_records{state="pending"} 0');
  });
});

describe('GatewayMetrics: circuit breaker gauge', () => {
  it('reports the worst state among the breakers of each store', async () => {
    const metrics = new GatewayMetrics(new Registry());
    const read = { store: 'neo4j', breakerState: 'closed' as BreakerState };
    const write = { store: 'neo4j', breakerState: 'half-open' as BreakerState };
    const pg = { store: 'postgres', breakerState: 'closed' as BreakerState };
    metrics.trackBreaker(read);
    metrics.trackBreaker(write);
    metrics.trackBreaker(pg);
    let text = await metrics.registry.metrics();
    expect(text).toContain('gateway_circuit_breaker_state{store="neo4j"} 1');
    expect(text).toContain('gateway_circuit_breaker_state{store="postgres"} 0');
    read.breakerState = 'open';
    text = await metrics.registry.metrics();
    expect(text).toContain('gateway_circuit_breaker_state{store="neo4j"} 2');
  });
});

describe('GatewayMetrics: names', () => {
  it('registers every documented gateway metric, and the default process metrics on request', async () => {
    const metrics = new GatewayMetrics(new Registry());
    const names = (await metrics.registry.getMetricsAsJSON()).map((m) => m.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'gateway_http_request_duration_seconds',
        'gateway_graphql_errors_total',
        'gateway_datasource_calls_total',
        'gateway_datasource_call_duration_seconds',
        'gateway_cache_requests_total',
        'gateway_circuit_breaker_state',
        'gateway_dataloader_batch_size',
        'gateway_outbox_records',
        'gateway_outbox_oldest_record_age_seconds',
        'gateway_http_connections_dropped_total',
      ]),
    );
    expect(names).not.toContain('process_cpu_seconds_total');
    metrics.enableDefaultMetrics();
    metrics.enableDefaultMetrics();
    expect((await metrics.registry.getMetricsAsJSON()).map((m) => m.name)).toContain('process_cpu_seconds_total');
  });
});

describe('GatewayMetrics: operation series', () => {
  it('removes every series of an operation label, whatever its outcome, and only those', async () => {
    const metrics = new GatewayMetrics(new Registry());
    for (const outcome of ['success', 'error', 'aborted']) metrics.httpRequestDuration.observe({ operation: 'UniqueOp1', outcome }, 0.01);
    metrics.httpRequestDuration.observe({ operation: 'WorkPage', outcome: 'success' }, 0.01);
    metrics.removeOperationSeries('UniqueOp1');
    metrics.removeOperationSeries('NeverSeen');
    const text = await metrics.registry.metrics();
    expect(text).not.toContain('UniqueOp1');
    expect(text).toMatch(/^gateway_http_request_duration_seconds_count\{operation="WorkPage",outcome="success"\} 1$/m);
  });
});
