import type { CatalogSnapshot } from '../../datasources/CatalogSnapshot';
import type { Projection } from '../../datasources/writes/Projection';
import type { StoreName } from '../core/StoreName';

/** What a rebuild did, per store. */
export interface ReindexReport {
  readonly store: StoreName;
  readonly works: number;
  /** Works changed or deleted while the rebuild ran, re-applied at its end. */
  readonly reconciled: number;
  readonly ms: number;
}

export interface ReindexOptions {
  readonly batchSize?: number;
  readonly onProgress?: (store: StoreName, works: number) => void;
}

/**
 * Rebuilds each projection from the catalog: empties it, then pages through every work (byte order of ids) and
 * applies them in batches. Writes may go on meanwhile: a work changed or deleted after the rebuild started may
 * have been read before the change, so at the end every work written since the start is applied again and every
 * work the rebuild wrote that no longer exists is removed. Batches are applied in bulk mode, completed at the end
 * (InfluxDB recomputes each subject once there). Stores are rebuilt one after another.
 */
export async function reindexProjections(snapshot: CatalogSnapshot, projections: readonly Projection[], options: ReindexOptions = {}): Promise<ReindexReport[]> {
  const batchSize = options.batchSize ?? 500;
  const reports: ReindexReport[] = [];
  for (const projection of projections) {
    const started = Date.now();
    const since = await snapshot.now();
    await projection.ensureSchema();
    await projection.reset();
    await projection.ensureSchema();
    const written: string[] = [];
    for (let after = ''; ; ) {
      const ids = await snapshot.workIdsAfter(after, batchSize);
      if (ids.length === 0) break;
      const { batch } = await snapshot.batchForWorks(ids);
      await projection.apply(batch, 'bulk');
      written.push(...batch.works.map((w) => w.id));
      options.onProgress?.(projection.store, written.length);
      after = ids[ids.length - 1] as string;
    }
    const changed = await snapshot.workIdsChangedSince(since);
    for (let i = 0; i < changed.length; i += batchSize) {
      const { batch, missing } = await snapshot.batchForWorks(changed.slice(i, i + batchSize));
      await projection.apply(batch, 'bulk');
      await projection.remove(missing);
    }
    let removed = 0;
    for (let i = 0; i < written.length; i += batchSize) {
      const chunk = written.slice(i, i + batchSize);
      const existing = await snapshot.existingWorkIds(chunk);
      const gone = chunk.filter((id) => !existing.has(id));
      await projection.remove(gone);
      removed += gone.length;
    }
    await projection.completeBulk?.();
    reports.push({ store: projection.store, works: written.length - removed, reconciled: changed.length + removed, ms: Date.now() - started });
  }
  return reports;
}
