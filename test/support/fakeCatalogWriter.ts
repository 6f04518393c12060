import type { CatalogBatch, CatalogWriter, SeenIds } from '../../datasources/writes/catalogWrite';

/** A catalog writer held in memory, with the batch size of a bulk (COPY) or an upsert writer; refuses the works in `refused`. */
export function fakeWriter(batchSize: number, refused: ReadonlySet<string> = new Set()): CatalogWriter & { upserts: number[] } {
  const upserts: number[] = [];
  return {
    batchSize,
    upserts,
    upsert: async (batch: CatalogBatch) => {
      upserts.push(batch.works.length);
      if (batch.works.some((w) => refused.has(w.id))) throw new Error('duplicate key value violates unique constraint "works_doi_key"');
    },
    countWorks: async () => 0,
    sampleSeedState: async () => 'none',
    markSampleSeed: async () => undefined,
    openSeenIds: async (): Promise<SeenIds> => {
      const seen = new Map<string, Set<string>>();
      return {
        add: async (kind, ids) => {
          const set = seen.get(kind) ?? new Set<string>();
          seen.set(kind, set);
          let again = 0;
          for (const id of ids) {
            if (set.has(id)) again++;
            else set.add(id);
          }
          return again;
        },
        count: async (kind) => seen.get(kind)?.size ?? 0,
        close: async () => undefined,
      };
    },
  };
}
