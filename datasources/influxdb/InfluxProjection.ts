import { errorMessage } from '../../src/core/errorMessage';
import type { Logger } from '../../src/core/logger';
import type { StoreName } from '../../src/core/StoreName';
import type { StorePolicy } from '../shared/StorePolicy';
import { lastById } from '../writes/catalogBatchRows';
import type { CatalogBatch } from '../writes/catalogWrite';
import { type ApplyMode, type Projection, type ProjectionRebuild, type RebuildHooks, rebuildInPlace } from '../writes/Projection';
import type { SubjectKey, SubjectTotalsRound, SubjectTrendTotals } from '../writes/SubjectTrendTotals';
import { InfluxHttpError, type InfluxSeries, type InfluxV1Client } from './InfluxV1Client';
import { isTransientInfluxError } from './isTransientInfluxError';
import { createDatabaseStatement, deletePointsStatement, dropShardStatement, dropTrendMeasurementStatement, quoteIdentifier, storedYearsQuery } from './trendInfluxql';
import { isStorableYear, TREND_MEASUREMENT, TREND_TAGS, toPoint, yearOfEpochMs } from './trendPoints';

/*
 * The trend layout in InfluxDB, a projection of the PostgreSQL catalog (names in trendPoints.ts):
 *
 *   measurement  trend
 *   tags         subject_kind  'author' | 'topic'
 *                subject_id    the subject's short id (A…, T…)
 *   time         Jan 1 00:00:00 UTC of the year
 *   fields       works         integer: the subject's loaded works published that year
 *                citations     integer: their OpenAlex counts_by_year for that year, summed
 *
 * One series per subject, one point per year with works or citations: the series count is at most the number of
 * distinct authors and topics, whatever the number of works. A work's own trend is not here: it is read from its
 * catalog row (InfluxTrendStore asks the catalog's TrendStore for work subjects).
 *
 * Points are totals, never increments: for the subjects a change touches, the projection recomputes every year
 * from the catalog with one statement (SubjectTrendTotals) and overwrites their points (series + timestamp is a
 * point's identity), then deletes the points of years that went to zero — all of a subject's points when nothing
 * is left, which also drops its series. Applying anything twice, in any order, leaves the catalog's totals.
 * Which subjects: those of the works applied (queued by `apply`) and those the catalog queued itself when a work
 * lost them (migration 008's triggers: a byline or topic rewritten, a work deleted).
 *
 * Reads (InfluxTrendStore): `SELECT sum("works"), sum("citations") … WHERE "subject_kind" = $kind AND
 * ("subject_id" = $s0 OR …) AND time >= $start AND time <= $end GROUP BY "subject_id", time(1d) fill(none)` —
 * one query per kind of subject; daily buckets on Jan-1 timestamps are years, summed into 5- and 10-year
 * periods in JS (trendPeriods.ts). Years must fit int64 nanoseconds: 1678..2262; totals of other years are
 * not stored (logged).
 *
 * A reader sees each point either before or after its overwrite; between the write and the deletion of years
 * gone to zero, such a year still shows its old value. DELETE is InfluxDB 1.x InfluxQL; the 2.x/3.x v1
 * compatibility /query endpoint is meant for reads (not tested here), so there the trend reads work but the
 * projection would need another delete path.
 */

/** Subjects per recomputation round, ids per InfluxQL statement, and points per /write request (InfluxDB advises ~5,000). */
export const ROUND_SUBJECTS = 1_000;
export const IDS_PER_STATEMENT = 250;
export const WRITE_CHUNK = 5_000;

/** The tag of the layout before this one (one series per work and subject), detected by ensureSchema. */
const FORMER_WORK_TAG = 'work_id';

/**
 * Projects catalog batches into the trend measurement (layout above), under the store's policy. Idempotent:
 * applying a batch again leaves the same points; a changed or deleted work's subjects end up with the catalog's
 * totals. `bulk` applies only queue their subjects; `completeBulk` recomputes them all, each once.
 */
export class InfluxProjection implements Projection {
  readonly store: StoreName = 'influxdb';

  constructor(
    private readonly client: Pick<InfluxV1Client, 'query' | 'write'>,
    private readonly policy: StorePolicy,
    private readonly database: string,
    private readonly totals: SubjectTrendTotals,
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
      if (!databases?.rows.some((row) => row['name'] === this.database)) {
        await this.client.query(createDatabaseStatement(this.database), {}, { signal });
        return;
      }
      // Points of the former layout (tagged by work) would be summed with the subjects' totals: say so loudly.
      const [tags] = await this.client.query(`SHOW TAG KEYS FROM ${quoteIdentifier(TREND_MEASUREMENT)}`, {}, { signal });
      if (tags?.rows.some((row) => row['tagKey'] === FORMER_WORK_TAG)) {
        this.logger?.error({ store: 'influxdb', database: this.database }, 'the trend measurement still holds the former work_id layout, whose points double the totals: run npm run reindex -- --store influxdb');
      }
    });
  }

  async apply(batch: CatalogBatch, mode: ApplyMode = 'live'): Promise<void> {
    const workIds = lastById(batch.works).map((w) => w.id);
    if (workIds.length === 0) return;
    await this.totals.queueSubjectsOfWorks(workIds);
    if (mode === 'live') await this.recomputeQueued();
  }

  /** The catalog queued the subjects the deleted works lost when it deleted them: recomputing the queue is all. */
  async remove(workIds: readonly string[]): Promise<void> {
    if (workIds.length > 0) await this.recomputeQueued();
  }

  completeBulk(): Promise<void> {
    return this.recomputeQueued();
  }

  /**
   * Rebuilt in place: emptied (its schema stays), then written again, so a reader would see it fill meanwhile
   * (`npm run reindex` marks the store first, and readers answer from PostgreSQL until it is rebuilt).
   */
  startRebuild(hooks?: RebuildHooks): Promise<ProjectionRebuild> {
    return rebuildInPlace(this, () => this.reset(), hooks);
  }

  /**
   * Empties the projection. When the database holds the trend measurement alone, its shards are dropped
   * (`SHOW SHARDS`, then `DROP SHARD` for each of this database's): a shard's files and index go at once, in about a
   * second at a million series, and the next write creates a shard again under the database's retention policy.
   * Otherwise — another measurement shares the database, or the server refuses `SHOW SHARDS` (it needs admin
   * rights when authentication is on) — the measurement is dropped, which InfluxDB does series by series: 5 min 39 s
   * for a million series on the 2-core machine, past the write policy's attempts.
   */
  async reset(): Promise<void> {
    const shards = await this.policy.execute('trends.reset', (signal) => this.shardsToDrop(signal));
    if (shards === undefined) {
      await this.policy.execute('trends.reset', (signal) => this.client.query(dropTrendMeasurementStatement(), {}, { signal }));
      return;
    }
    for (const id of shards) await this.policy.execute('trends.reset', (signal) => this.client.query(dropShardStatement(id), {}, { signal }));
  }

  async close(): Promise<void> {
    // The HTTP client holds no connection of its own (fetch's pool is process-wide).
  }

  /** This database's shard ids when dropping them empties the trend measurement alone; undefined when it would not, or cannot. */
  private async shardsToDrop(signal: AbortSignal): Promise<number[] | undefined> {
    const [measurements] = await this.client.query('SHOW MEASUREMENTS', {}, { signal });
    const others = (measurements?.rows ?? []).map((row) => String(row['name'])).filter((name) => name !== TREND_MEASUREMENT);
    if (others.length > 0) {
      this.logger?.info({ store: 'influxdb', database: this.database, measurements: others.slice(0, 10) }, 'the trend database holds other measurements: dropping the trend measurement alone, series by series');
      return undefined;
    }
    let listed: InfluxSeries[];
    try {
      listed = await this.client.query('SHOW SHARDS', {}, { signal });
    } catch (err) {
      // Only InfluxDB's own refusal (an answer naming an error, not worth retrying) means "not allowed here".
      if (!(err instanceof InfluxHttpError) || isTransientInfluxError(err)) throw err;
      this.logger?.warn({ store: 'influxdb', database: this.database, err: errorMessage(err) }, 'SHOW SHARDS was refused (it needs admin rights): dropping the trend measurement series by series instead, minutes at a million series');
      return undefined;
    }
    return listed
      .filter((series) => series.name === this.database)
      .flatMap((series) => series.rows)
      .filter((row) => row['database'] === this.database)
      .map((row) => Number(row['id']));
  }

  /** Rounds until the queue is empty (a round that takes fewer subjects than it may was the last). */
  private async recomputeQueued(): Promise<void> {
    while ((await this.totals.recomputeQueued(ROUND_SUBJECTS, (round) => this.overwrite(round))) === ROUND_SUBJECTS);
  }

  /** Writes a round's totals over the subjects' points, then deletes their points of years that went to zero. */
  private async overwrite(round: SubjectTotalsRound): Promise<void> {
    const fresh = new Map<string, Set<number>>();
    const unstorable: { kind: string; id: string; year: number }[] = [];
    const points = round.totals.flatMap((total) => {
      if (!isStorableYear(total.year)) {
        unstorable.push({ kind: total.kind, id: total.id, year: total.year });
        return [];
      }
      const key = subjectKey(total);
      bucket(fresh, key, () => new Set<number>()).add(total.year);
      return [toPoint(total)];
    });
    if (unstorable.length > 0) this.logger?.warn({ store: 'influxdb', totals: unstorable.slice(0, 20), count: unstorable.length }, 'trend years outside 1678..2262 are not stored');
    const stored = await this.storedYears(round.subjects);
    for (const chunk of chunks(points, WRITE_CHUNK)) {
      await this.policy.execute('trends.write', (signal) => this.client.write(chunk, { signal }));
    }
    for (const statement of staleDeletions(round.subjects, stored, fresh)) {
      await this.policy.execute('trends.delete', (signal) => this.client.query(statement.text, statement.params, { signal }));
    }
  }

  /** The years each subject holds a point for now, by subjectKey. */
  private async storedYears(subjects: readonly SubjectKey[]): Promise<Map<string, number[]>> {
    const stored = new Map<string, number[]>();
    for (const [kind, ids] of idsByKind(subjects)) {
      for (const chunk of chunks(ids, IDS_PER_STATEMENT)) {
        const statement = storedYearsQuery(kind, chunk);
        const series = await this.policy.execute('trends.storedYears', (signal) => this.client.query(statement.text, statement.params, { epoch: 'ms', signal }));
        for (const s of series) stored.set(subjectKey({ kind, id: s.tags[TREND_TAGS.subject] ?? '' }), s.rows.map((row) => yearOfEpochMs(Number(row['time']))));
      }
    }
    return stored;
  }
}

/**
 * The deletions that leave each subject with points for `fresh` years only: one statement per kind for the
 * subjects with nothing left, and one per (kind, year) for the subjects that lost that year.
 */
export function staleDeletions(subjects: readonly SubjectKey[], stored: ReadonlyMap<string, readonly number[]>, fresh: ReadonlyMap<string, ReadonlySet<number>>) {
  const emptied = new Map<SubjectKey['kind'], string[]>();
  const lostYears = new Map<string, { kind: SubjectKey['kind']; year: number; ids: string[] }>();
  for (const subject of subjects) {
    const key = subjectKey(subject);
    const years = stored.get(key) ?? [];
    const keep = fresh.get(key);
    if (years.length === 0) continue;
    if (!keep || keep.size === 0) {
      bucket(emptied, subject.kind, () => []).push(subject.id);
      continue;
    }
    for (const year of years.filter((y) => !keep.has(y))) {
      bucket(lostYears, `${subject.kind}\u0000${year}`, () => ({ kind: subject.kind, year, ids: [] })).ids.push(subject.id);
    }
  }
  return [
    ...[...emptied].flatMap(([kind, ids]) => chunks(ids, IDS_PER_STATEMENT).map((chunk) => deletePointsStatement(kind, chunk))),
    ...[...lostYears.values()].flatMap(({ kind, year, ids }) => chunks(ids, IDS_PER_STATEMENT).map((chunk) => deletePointsStatement(kind, chunk, year))),
  ];
}

function subjectKey(subject: SubjectKey): string {
  return `${subject.kind}\u0000${subject.id}`;
}

function idsByKind(subjects: readonly SubjectKey[]): Map<SubjectKey['kind'], string[]> {
  const byKind = new Map<SubjectKey['kind'], string[]>();
  for (const { kind, id } of subjects) bucket(byKind, kind, () => []).push(id);
  return byKind;
}

/** The value of `key`, created by `make` the first time. */
function bucket<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) map.set(key, (value = make()));
  return value;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
