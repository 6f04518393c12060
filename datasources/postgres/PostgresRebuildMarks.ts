import type { StoreName } from '../../src/core/StoreName';
import type { StorePolicy } from '../shared/StorePolicy';
import type { RebuildMarks } from '../writes/RebuildMarks';
import type { SqlExecutor } from './SqlExecutor';
import { CLEAR_REBUILD_SQL, MARK_REBUILD_SQL, MARKED_REBUILDS_SQL } from './sql/rebuildMarksSql';

/** Rebuild marks in the `projection_rebuilds` table (sql/rebuildMarksSql.ts), under the store's policy (each statement is idempotent). */
export class PostgresRebuildMarks implements RebuildMarks {
  constructor(
    private readonly db: SqlExecutor,
    private readonly policy: StorePolicy,
  ) {}

  async mark(store: StoreName): Promise<void> {
    await this.policy.execute('rebuilds.mark', () => this.db.query(MARK_REBUILD_SQL, [store]));
  }

  async clear(store: StoreName): Promise<void> {
    await this.policy.execute('rebuilds.clear', () => this.db.query(CLEAR_REBUILD_SQL, [store]));
  }

  async marked(): Promise<Set<StoreName>> {
    const rows = await this.policy.execute('rebuilds.marked', () => this.db.query<{ store: StoreName }>(MARKED_REBUILDS_SQL));
    return new Set(rows.map((r) => r.store));
  }
}
