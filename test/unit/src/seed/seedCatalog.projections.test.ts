import type { Projection } from '../../../../datasources/writes/Projection';
import { samplePaths } from '../../../../src/seed/samplePaths';
import { seedCatalog } from '../../../../src/seed/seedCatalog';
import { fakeWriter } from '../../../support/fakeCatalogWriter';

/** A projection that records every call: the works of each applied batch, and completeBulk. */
function recordingProjection(): Projection & { calls: string[] } {
  const calls: string[] = [];
  return {
    store: 'neo4j',
    calls,
    ensureSchema: async () => undefined,
    apply: async (batch, mode) => {
      calls.push(`${mode}:${batch.works.map((w) => w.id).join(',')}|${batch.authors.length}|${batch.topics.length}`);
    },
    remove: async () => undefined,
    completeBulk: async () => {
      calls.push('completeBulk');
    },
    startRebuild: async () => Promise.reject(new Error('not rebuilt here')),
    close: async () => undefined,
  };
}

describe('seedCatalog and the projections', () => {
  it('gives the projections the same batches of 200 records whatever the catalog transaction size, then completeBulk once', async () => {
    const upsert = recordingProjection();
    const copy = recordingProjection();
    const upsertWriter = fakeWriter(200);
    const copyWriter = fakeWriter(5_000);
    const slowReport = await seedCatalog(samplePaths(), upsertWriter, { projections: [upsert] });
    const bulkReport = await seedCatalog(samplePaths(), copyWriter, { projections: [copy] });
    expect(copy.calls).toEqual(upsert.calls);
    expect(copy.calls.at(-1)).toBe('completeBulk');
    expect(copy.calls.filter((c) => c === 'completeBulk')).toHaveLength(1);
    expect(copy.calls.length).toBeGreaterThan(2);
    expect(bulkReport).toEqual(slowReport);
    // The bulk writer got one transaction for the whole sample, the upsert writer several.
    expect(copyWriter.upserts.length).toBeLessThan(upsertWriter.upserts.length);
  });

  it('a refused record is isolated from its large batch: the projections get every other record, never the refused one', async () => {
    const first = recordingProjection();
    await seedCatalog(samplePaths(), fakeWriter(5_000), { projections: [first] });
    const someWork = first.calls[0]?.split('|')[0]?.split(':')[1]?.split(',')[3];
    expect(someWork).toBeDefined();
    const projection = recordingProjection();
    const report = await seedCatalog(samplePaths(), fakeWriter(5_000, new Set([someWork as string])), { projections: [projection] });
    expect(report.rejected.map((r) => r.reason)).toContain('rejected by the database: duplicate key value violates unique constraint "works_doi_key"');
    const applied = projection.calls.flatMap((c) => c.split('|')[0]?.split(':')[1]?.split(',') ?? []).filter((id) => id !== '');
    expect(applied).not.toContain(someWork);
    const all = first.calls.flatMap((c) => c.split('|')[0]?.split(':')[1]?.split(',') ?? []).filter((id) => id !== '');
    expect(applied).toEqual(all.filter((id) => id !== someWork));
  });
});
