import type { BreakerState } from '../../../../../src/core/BreakerState';
import type { HealthProbe } from '../../../../../datasources/HealthProbe';
import { checkReadiness } from '../../../../../src/http/routes/ready';
import type { StoreName } from '../../../../../src/core/StoreName';

function probe(store: StoreName, ping: (signal: AbortSignal) => Promise<void>, breaker: BreakerState = 'closed'): HealthProbe {
  return { store, ping, breakerState: () => breaker };
}

const up = async () => undefined;
const down = async () => {
  throw new Error('connect ECONNREFUSED');
};

describe('checkReadiness', () => {
  it('is ready when every store answers, reporting each with its latency and breaker', async () => {
    const readiness = await checkReadiness([probe('postgres', up), probe('redis', up, 'half-open')], { required: ['postgres'], timeoutMs: 1_000 });
    expect(readiness.status).toBe('ready');
    expect(readiness.stores).toEqual([
      { store: 'postgres', required: true, status: 'up', latencyMs: expect.any(Number), breaker: 'closed' },
      { store: 'redis', required: false, status: 'up', latencyMs: expect.any(Number), breaker: 'half-open' },
    ]);
  });

  it('is not ready while a required store is down', async () => {
    const readiness = await checkReadiness([probe('postgres', down, 'open'), probe('redis', up)], { required: ['postgres'], timeoutMs: 1_000 });
    expect(readiness.status).toBe('not_ready');
    expect(readiness.stores[0]).toMatchObject({ store: 'postgres', required: true, status: 'down', breaker: 'open' });
  });

  it('stays ready when only a store that is not required is down', async () => {
    const readiness = await checkReadiness([probe('postgres', up), probe('elasticsearch', down)], { required: ['postgres'], timeoutMs: 1_000 });
    expect(readiness.status).toBe('ready');
    expect(readiness.stores[1]).toMatchObject({ store: 'elasticsearch', required: false, status: 'down' });
  });

  it('does not wait for a required store that is not configured', async () => {
    const readiness = await checkReadiness([probe('postgres', up)], { required: ['postgres', 'neo4j'], timeoutMs: 1_000 });
    expect(readiness.status).toBe('ready');
  });

  it('reports a store that does not answer within the timeout as down, aborting its ping', async () => {
    let signal: AbortSignal | undefined;
    const hanging = probe('neo4j', (s) => {
      signal = s;
      return new Promise<void>(() => undefined);
    });
    const readiness = await checkReadiness([probe('postgres', up), hanging], { required: ['postgres', 'neo4j'], timeoutMs: 20 });
    expect(readiness.status).toBe('not_ready');
    expect(readiness.stores[1]).toMatchObject({ store: 'neo4j', status: 'down' });
    expect(signal?.aborted).toBe(true);
  });

  it('pings the stores concurrently', async () => {
    // Each ping resolves only once both have started: sequential pings would time out instead.
    let started = 0;
    let release!: () => void;
    const bothStarted = new Promise<void>((resolve) => {
      release = resolve;
    });
    const barrier = async () => {
      started += 1;
      if (started === 2) release();
      await bothStarted;
    };
    const readiness = await checkReadiness([probe('postgres', barrier), probe('redis', barrier)], { required: ['postgres', 'redis'], timeoutMs: 2_000 });
    expect(readiness.stores.map((s) => s.status)).toEqual(['up', 'up']);
  });
});
