import type { Logger } from '../../src/core/logger';
import { lastById } from '../writes/catalogBatchRows';
import type { CatalogBatch } from '../writes/catalogWrite';
import type { Projection } from '../writes/Projection';
import type { StorePolicy } from '../shared/StorePolicy';
import type { InfluxV1Client } from './InfluxV1Client';
import { createDatabaseStatement, dropTrendMeasurementStatement, dropWorksStatement } from './trendInfluxql';
import { toPoint, trendFactsOfWork } from './trendPoints';
import type { StoreName } from '../../src/core/StoreName';

/*
 * The trend layout in InfluxDB, a projection of the PostgreSQL catalog (names in trendPoints.ts):
 *
 *   measurement  trend
 *   tags         subject_kind  'work' | 'author' | 'topic'
 *                subject_id    the subject's short id (W…, A…, T…)
 *                work_id       the loaded work the point comes from
 *   time         Jan 1 00:00:00 UTC of the year
 *   fields       works         integer: 1 in the work's publication year, else 0
 *                citations     integer: the work's OpenAlex counts_by_year for that year
 *
 * One point per (subject, work, year) where the work was published or cited: for the work itself, for each
 * distinct author of its byline (an author twice on a byline counts the work once) and for each of its topics.
 * A point's series + timestamp is its identity, so writing the same work twice overwrites the same points.
 * Before a work's points are written, every series of that work is dropped (`DROP SERIES … WHERE "work_id" =
 * $w0 OR …`, ids bound), so a reloaded work that lost an author, a topic or a year leaves nothing stale.
 *
 * Reads (InfluxTrendStore): `SELECT sum("works"), sum("citations") … WHERE "subject_kind" = $kind AND
 * ("subject_id" = $s0 OR …) AND time >= $start AND time <= $end GROUP BY "subject_id", time(1d) fill(none)` —
 * one query per kind of subject; daily buckets on Jan-1 timestamps are years, summed into 5- and 10-year
 * periods in JS (trendPeriods.ts). Years must fit int64 nanoseconds: 1678..2262; values of other years are
 * not stored (logged).
 *
 * The drop and the write are separate requests: a reader may briefly see a reloaded work missing, and a batch
 * that fails between them leaves its works missing until it is applied again (apply is safe to repeat).
 * Dropping series is InfluxDB 1.x InfluxQL; the 2.x/3.x v1 compatibility /query endpoint is meant for reads
 * (not tested here), so there the trend reads work but the projection would need another delete path.
 */

/** Work ids per DROP SERIES statement, and points per /write request (InfluxDB advises batches of ~5,000). */
export const DROP_CHUNK = 100;
export const WRITE_CHUNK = 5_000;

/**
 * Projects catalog batches into the trend measurement (layout above), under the store's policy. Idempotent:
 * applying a batch again leaves the same points; re-applying a changed work replaces all its points.
 */
export class InfluxProjection implements Projection {
  readonly store: StoreName = 'influxdb';

  constructor(
    private readonly client: Pick<InfluxV1Client, 'query' | 'write'>,
    private readonly policy: StorePolicy,
    private readonly database: string,
    private readonly logger?: Logger,
  ) {}

  /**
   * Creates the database when `SHOW DATABASES` does not list it (`CREATE DATABASE` is idempotent on 1.x; asking
   * first leaves an existing database — e.g. a 2.x bucket mapped to it — untouched). No measurement schema:
   * InfluxDB creates the measurement, tags and fields with the first write.
   */
  async ensureSchema(): Promise<void> {
    await this.policy.execute('trends.ensureSchema', async (signal) => {
      const [databases] = await this.client.query('SHOW DATABASES', {}, { signal });
      if (databases?.rows.some((row) => row['name'] === this.database)) return;
      await this.client.query(createDatabaseStatement(this.database), {}, { signal });
    });
  }

  async apply(batch: CatalogBatch): Promise<void> {
    const works = lastById(batch.works);
    if (works.length === 0) return;
    const points = works.flatMap((work) => {
      const { facts, unstorableYears } = trendFactsOfWork(work);
      if (unstorableYears.length > 0) this.logger?.warn({ store: 'influxdb', workId: work.id, years: unstorableYears }, 'trend years outside 1678..2262 are not stored');
      return facts.map(toPoint);
    });
    await this.remove(works.map((w) => w.id));
    for (const chunk of chunks(points, WRITE_CHUNK)) {
      await this.policy.execute('trends.write', (signal) => this.client.write(chunk, { signal }));
    }
  }

  async remove(workIds: readonly string[]): Promise<void> {
    for (const ids of chunks(workIds, DROP_CHUNK)) {
      const drop = dropWorksStatement(ids);
      await this.policy.execute('trends.drop', (signal) => this.client.query(drop.text, drop.params, { signal }));
    }
  }

  async reset(): Promise<void> {
    await this.policy.execute('trends.reset', (signal) => this.client.query(dropTrendMeasurementStatement(), {}, { signal }));
  }

  async close(): Promise<void> {
    // The HTTP client holds no connection of its own (fetch's pool is process-wide).
  }
}


function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
