import { ConfigError, loadConfig } from '../../../src/config';

describe('configuration of the request deadline, bulkheads, slow-operation log and readiness', () => {
  it('has documented defaults', () => {
    const config = loadConfig({});
    expect(config.resilience).toEqual({ requestTimeoutMs: 15_000, maxConcurrentStoreCalls: 32, maxQueuedStoreCalls: 128 });
    expect(config.observability).toEqual({ slowOperationMs: 1_000, readyRequiredStores: ['postgres'], readyProbeTimeoutMs: 2_000 });
  });

  it('reads READY_REQUIRED_STORES as a comma-separated list of store names', () => {
    expect(loadConfig({ READY_REQUIRED_STORES: 'postgres, elasticsearch,postgres' }).observability.readyRequiredStores).toEqual(['postgres', 'elasticsearch']);
    expect(loadConfig({ READY_REQUIRED_STORES: '' }).observability.readyRequiredStores).toEqual([]);
  });

  it('rejects an unknown store and non-numeric limits, naming the variable', () => {
    expect(() => loadConfig({ READY_REQUIRED_STORES: 'postgres,mysql' })).toThrow(/READY_REQUIRED_STORES/);
    expect(() => loadConfig({ STORE_MAX_CONCURRENT_CALLS: '0' })).toThrow(ConfigError);
    expect(() => loadConfig({ GRAPHQL_REQUEST_TIMEOUT_MS: 'soon' })).toThrow(/GRAPHQL_REQUEST_TIMEOUT_MS/);
  });

  it('reads the limits', () => {
    const config = loadConfig({ GRAPHQL_REQUEST_TIMEOUT_MS: '500', STORE_MAX_CONCURRENT_CALLS: '4', STORE_MAX_QUEUED_CALLS: '0', SLOW_OPERATION_MS: '0' });
    expect(config.resilience).toEqual({ requestTimeoutMs: 500, maxConcurrentStoreCalls: 4, maxQueuedStoreCalls: 0 });
    expect(config.observability.slowOperationMs).toBe(0);
  });
});
