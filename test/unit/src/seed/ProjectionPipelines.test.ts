import type { CatalogBatch } from '../../../../datasources/writes/catalogWrite';
import type { Projection } from '../../../../datasources/writes/Projection';
import type { StoreName } from '../../../../src/core/StoreName';
import { ProjectionPipelines } from '../../../../src/seed/ProjectionPipelines';

const batch = (id: string): CatalogBatch => ({ works: [{ id } as CatalogBatch['works'][number]], authors: [], institutions: [], sources: [], topics: [] });

/** A projection whose applies resolve only when the test releases them, recording what it applied and when. */
function gatedProjection(store: StoreName, log: string[], failOn?: string) {
  const gates: (() => void)[] = [];
  let active = 0;
  let maxActive = 0;
  const projection: Projection = {
    store,
    ensureSchema: async () => undefined,
    apply: async (b, mode) => {
      const id = b.works[0]?.id as string;
      active++;
      maxActive = Math.max(maxActive, active);
      log.push(`${store}:start:${id}:${mode}`);
      await new Promise<void>((resolve) => gates.push(resolve));
      active--;
      if (id === failOn) throw new Error(`${store} refused ${id}`);
      log.push(`${store}:done:${id}`);
    },
    remove: async () => undefined,
    completeBulk: async () => {
      log.push(`${store}:completeBulk`);
    },
    startRebuild: async () => Promise.reject(new Error('not rebuilt here')),
    close: async () => undefined,
  };
  return {
    projection,
    /** Lets the oldest waiting apply finish. */
    release: () => gates.shift()?.(),
    waiting: () => gates.length,
    maxActive: () => maxActive,
  };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('ProjectionPipelines', () => {
  it('applies every batch to every projection in order, the projections at the same time, then completes each', async () => {
    const log: string[] = [];
    const neo = gatedProjection('neo4j', log);
    const es = gatedProjection('elasticsearch', log);
    const pipelines = new ProjectionPipelines([neo.projection, es.projection], 2);
    await pipelines.push(batch('W1'));
    await pipelines.push(batch('W2'));
    await tick();
    // Both stores are writing W1 at once; neither waits for the other.
    expect([neo.waiting(), es.waiting()]).toEqual([1, 1]);
    const finished = pipelines.finish();
    for (let i = 0; i < 2; i++) {
      neo.release();
      es.release();
      await tick();
    }
    await finished;
    for (const store of ['neo4j', 'elasticsearch']) {
      expect(log.filter((l) => l.startsWith(`${store}:`))).toEqual([`${store}:start:W1:bulk`, `${store}:done:W1`, `${store}:start:W2:bulk`, `${store}:done:W2`, `${store}:completeBulk`]);
    }
    expect([neo.maxActive(), es.maxActive()]).toEqual([1, 1]);
  });

  it('holds push while the slowest projection has `depth` batches waiting, and lets it go as that one catches up', async () => {
    const log: string[] = [];
    const slow = gatedProjection('neo4j', log);
    const fast = gatedProjection('influxdb', log);
    const pipelines = new ProjectionPipelines([slow.projection, fast.projection], 2);
    let pushed = 0;
    const pushing = (async () => {
      for (const id of ['W1', 'W2', 'W3', 'W4', 'W5']) {
        await pipelines.push(batch(id));
        pushed++;
      }
    })();
    for (let i = 0; i < 5; i++) {
      fast.release();
      await tick();
    }
    // The slow store applies W1 with W2 and W3 queued: the fourth push waits for it, however fast the other is.
    expect(pushed).toBe(3);
    slow.release();
    await tick();
    await tick();
    expect(pushed).toBe(4);
    for (let i = 0; i < 6; i++) {
      slow.release();
      fast.release();
      await tick();
    }
    await pushing;
    expect(pushed).toBe(5);
  });

  it('stops at the first failure: push and finish throw it, completeBulk is not run, nothing is left applying', async () => {
    const log: string[] = [];
    const failing = gatedProjection('elasticsearch', log, 'W1');
    const other = gatedProjection('neo4j', log);
    const pipelines = new ProjectionPipelines([failing.projection, other.projection], 4);
    await pipelines.push(batch('W1'));
    await pipelines.push(batch('W2'));
    await tick();
    failing.release();
    await tick();
    await expect(pipelines.push(batch('W3'))).rejects.toThrow('elasticsearch refused W1');
    const finishing = pipelines.finish();
    other.release();
    await tick();
    other.release();
    await expect(finishing).rejects.toThrow('elasticsearch refused W1');
    await pipelines.settle();
    expect(log).not.toContain('elasticsearch:start:W2:bulk');
    expect(log.filter((l) => l.endsWith('completeBulk'))).toEqual([]);
    expect([failing.waiting(), other.waiting()]).toEqual([0, 0]);
  });

  it('with no projection, push and finish do nothing', async () => {
    const pipelines = new ProjectionPipelines([]);
    await pipelines.push(batch('W1'));
    await expect(pipelines.finish()).resolves.toBeUndefined();
  });
});
