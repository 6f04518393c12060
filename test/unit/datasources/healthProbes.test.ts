import { postgresHealth } from '../../../datasources/postgres/postgresHealth';
import { influxHealth } from '../../../datasources/influxdb/influxHealth';
import { storeHealthProbe } from '../../../datasources/shared/storeHealthProbe';
import type { BreakerState } from '../../../src/core/BreakerState';

const policy = (breakerState: BreakerState) => ({ breakerState });

describe('store health probes', () => {
  it('report the worst breaker state of the store policies', () => {
    const ping = async () => undefined;
    expect(storeHealthProbe('neo4j', ping, []).breakerState()).toBe('closed');
    expect(storeHealthProbe('neo4j', ping, [policy('closed'), policy('half-open')]).breakerState()).toBe('half-open');
    expect(storeHealthProbe('neo4j', ping, [policy('open'), policy('half-open')]).breakerState()).toBe('open');
  });

  it('ping PostgreSQL with SELECT 1 and fail when it fails', async () => {
    const statements: string[] = [];
    const sql = {
      query: async <Row extends object>(text: string): Promise<Row[]> => {
        statements.push(text);
        return [];
      },
    };
    const probe = postgresHealth(sql, []);
    expect(probe.store).toBe('postgres');
    await probe.ping(new AbortController().signal);
    expect(statements).toEqual(['SELECT 1']);
    const broken = postgresHealth({ query: () => Promise.reject(new Error('connection refused')) }, []);
    await expect(broken.ping(new AbortController().signal)).rejects.toThrow('connection refused');
  });

  it('treat an InfluxDB /ping that does not answer 204 as down', async () => {
    await expect(influxHealth({ ping: async () => true }, []).ping(new AbortController().signal)).resolves.toBeUndefined();
    await expect(influxHealth({ ping: async () => false }, []).ping(new AbortController().signal)).rejects.toThrow(/204/);
  });
});
