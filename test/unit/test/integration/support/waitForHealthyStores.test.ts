import { type ReadyReport, StoresNotHealthyError, waitForHealthyStores } from '../../../../integration/support/waitForHealthyStores';

type Entry = ReadyReport['stores'][number];

/**
 * A gateway's /ready as the fault tests see it after an outage: a store restarting is `down`, and a breaker left
 * open stays open until calls go through it (cockatiel half-opens only on a call): here it closes after
 * `probesToClose` probes made while its store is up.
 */
function fakeGateway(stores: { store: string; downFor?: number; probesToClose?: number }[]) {
  let readies = 0;
  let probes = 0;
  const probesWhileUp = new Map<string, number>();
  const entry = (s: (typeof stores)[number]): Entry => {
    const up = readies > (s.downFor ?? 0);
    const closed = (probesWhileUp.get(s.store) ?? 0) >= (s.probesToClose ?? 0);
    return { store: s.store, required: false, status: up ? 'up' : 'down', latencyMs: 1, breaker: closed ? 'closed' : 'open' };
  };
  return {
    ready: async (): Promise<ReadyReport> => {
      readies++;
      const entries = stores.map(entry);
      return { status: entries.every((e) => e.status === 'up') ? 'ready' : 'not_ready', stores: entries };
    },
    probe: async () => {
      probes++;
      for (const s of stores) if (readies > (s.downFor ?? 0)) probesWhileUp.set(s.store, (probesWhileUp.get(s.store) ?? 0) + 1);
    },
    probes: () => probes,
  };
}

describe('waitForHealthyStores', () => {
  it('resolves at once when every store is up with a closed breaker, without probing', async () => {
    const gateway = fakeGateway([{ store: 'postgres' }, { store: 'influxdb' }]);
    await expect(waitForHealthyStores({ ...gateway, before: 'x', pollMs: 1 })).resolves.toEqual({ waitedMs: expect.any(Number) });
    expect(gateway.probes()).toBe(0);
  });

  it('sends traffic until a breaker left open has closed (it never closes by itself)', async () => {
    const gateway = fakeGateway([{ store: 'postgres' }, { store: 'influxdb', probesToClose: 3 }]);
    await waitForHealthyStores({ ...gateway, before: 'x', pollMs: 1 });
    expect(gateway.probes()).toBe(3);
  });

  it('does not probe while a store is down (that would only hold its breaker open), then waits for its breaker', async () => {
    const gateway = fakeGateway([{ store: 'postgres' }, { store: 'elasticsearch', downFor: 4, probesToClose: 1 }]);
    await waitForHealthyStores({ ...gateway, before: 'x', pollMs: 1 });
    expect(gateway.probes()).toBe(1);
  });

  it('fails after its bound, naming each store that is not up with a closed breaker and what was about to run', async () => {
    const gateway = fakeGateway([{ store: 'postgres' }, { store: 'influxdb', probesToClose: Infinity }, { store: 'neo4j', downFor: Infinity }]);
    const started = Date.now();
    const err = await waitForHealthyStores({ ...gateway, before: 'the redis outage’s baseline', timeoutMs: 50, pollMs: 5 }).catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(err).toBeInstanceOf(StoresNotHealthyError);
    expect((err as StoresNotHealthyError).unhealthy).toEqual(['influxdb: up, breaker open', 'neo4j: down, breaker closed']);
    expect((err as Error).message).toMatch(/^before the redis outage’s baseline: influxdb: up, breaker open; neo4j: down, breaker closed — still not up/);
  });
});
