import type { CatalogBatch, CatalogEntities } from '../writes/catalogWrite';
import type { CatalogEntityKind, CatalogSnapshot } from '../CatalogSnapshot';
import type { StorePolicy } from '../shared/StorePolicy';
import type { SqlExecutor } from './SqlExecutor';
import { readCatalogBatch } from './sql/readCatalogBatch';
import { readEntitiesAfter } from './sql/readEntitiesAfter';

/** The catalog read back from PostgreSQL as projection batches (see CatalogSnapshot), under the store's policy. */
export class PostgresCatalogSnapshot implements CatalogSnapshot {
  constructor(
    private readonly db: SqlExecutor,
    private readonly policy: StorePolicy,
  ) {}

  async batchForWorks(workIds: readonly string[]): Promise<{ batch: CatalogBatch; missing: string[] }> {
    const unique = [...new Set(workIds)];
    // One snapshot: the four reads see the same committed state.
    const batch = await this.policy.execute('catalog.snapshot', () =>
      this.db.transaction(async (tx) => {
        await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
        return readCatalogBatch(tx, unique);
      }),
    );
    const found = new Set(batch.works.map((w) => w.id));
    return { batch, missing: unique.filter((id) => !found.has(id)) };
  }

  async workIdsChangedSince(since: Date): Promise<string[]> {
    const rows = await this.policy.execute('catalog.workIdsChangedSince', () =>
      this.db.query<{ id: string }>('SELECT id FROM works WHERE updated_at >= $1 ORDER BY id COLLATE "C"', [since]),
    );
    return rows.map((r) => r.id);
  }

  async existingWorkIds(workIds: readonly string[]): Promise<Set<string>> {
    if (workIds.length === 0) return new Set();
    const rows = await this.policy.execute('catalog.existingWorkIds', () => this.db.query<{ id: string }>('SELECT id FROM works WHERE id = ANY($1::text[])', [[...workIds]]));
    return new Set(rows.map((r) => r.id));
  }

  async now(): Promise<Date> {
    const [row] = await this.policy.execute('catalog.now', () => this.db.query<{ now: Date | string }>('SELECT now() AS now'));
    return new Date(row?.now ?? Date.now());
  }

  async workIdsAfter(after: string, limit: number): Promise<string[]> {
    const rows = await this.policy.execute('catalog.workIdsAfter', () =>
      // The primary key's own order: one index range scan a page (a COLLATE "C" order no index serves sorted every row each page).
      this.db.query<{ id: string }>('SELECT id FROM works WHERE id > $1 ORDER BY id LIMIT $2', [after, limit]),
    );
    return rows.map((r) => r.id);
  }

  async entitiesAfter(kind: CatalogEntityKind, after: string, limit: number): Promise<CatalogEntities> {
    return this.policy.execute('catalog.entitiesAfter', () => readEntitiesAfter(this.db, kind, after, limit));
  }
}
