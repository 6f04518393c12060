import { type BulkLoad, type CatalogBatch, type CatalogWriter, mergeBatches } from '../../datasources/writes/catalogWrite';
import type { Projection } from '../../datasources/writes/Projection';
import { DomainError } from '../core/errors';
import { catalogBatchFromOpenAlex } from './catalogBatchFromOpenAlex';
import { errorMessage } from '../core/errorMessage';
import type { OpenAlexKind, OpenAlexOrigin } from './openAlexInput';
import { ProjectionPipelines } from './ProjectionPipelines';
import { readOpenAlex, type ReadProgress } from './readOpenAlex';

/** What a seed run loaded, counted once per entity id however many files hold it. */
export interface SeedReport {
  works: number;
  authors: number;
  institutions: number;
  sources: number;
  topics: number;
  /** Entities met again in a later file or record (loaded again as an upsert, counted once). */
  duplicates: number;
  /** The first MAX_LISTED_REJECTIONS rejected records, in input order, each with its reason (memory stays bounded). */
  rejected: { origin: OpenAlexOrigin; reason: string }[];
  /** Every rejected record, listed or not. */
  rejectedCount: number;
  /** Indexes and constraints the writer set aside for a load into an empty catalog and rebuilt at the end (0: the usual path). */
  rebuilt: number;
}

export interface SeedOptions {
  /** Records written per transaction (default: the writer's own, e.g. 10,000 through COPY, 200 as upserts). */
  readonly batchSize?: number;
  /** Called after each written transaction with the number of records accepted so far. */
  readonly onWritten?: (records: number) => void;
  readonly onProgress?: ReadProgress;
  /** Stores that project the catalog (Neo4j, InfluxDB, Elasticsearch): each written batch is applied to them too. */
  readonly projections?: readonly Projection[];
}

/** Rejected records the report lists; past them only `rejectedCount` grows. */
export const MAX_LISTED_REJECTIONS = 1_000;

/** Counts a rejected record, and lists it while the report lists fewer than MAX_LISTED_REJECTIONS. */
function reject(report: SeedReport, origin: OpenAlexOrigin, reason: string): void {
  report.rejectedCount += 1;
  if (report.rejected.length < MAX_LISTED_REJECTIONS) report.rejected.push({ origin, reason });
}

/** Records per projection apply: the seed's batch before the catalog moved to COPY, which the projections are tuned for. */
const PROJECTION_BATCH_SIZE = 200;

interface Pending {
  readonly origin: OpenAlexOrigin;
  readonly kind: OpenAlexKind;
  /** The record's own entity id (counted once per run however often it is met). */
  readonly id: string | undefined;
  readonly batch: CatalogBatch;
}

/**
 * Loads OpenAlex files into the catalog: streams the records, maps each one whole (a malformed record is
 * rejected with its reason before anything is written), and upserts them in transactions of `batchSize` (COPY
 * batches on real PostgreSQL).
 * If a transaction fails for a reason other than the store being unavailable, its records are retried one by
 * one so that only the offending record is rejected. What the catalog accepted is then applied to every
 * projection in bulk mode — each in its own pipeline (ProjectionPipelines), all at once — whose deferred work
 * completes at the end (a projection failure stops the run). Idempotent: running it twice changes nothing.
 * Into an empty catalog the writer may set indexes aside for the run (beginBulkLoad): they are rebuilt after the last
 * batch (while the projections apply what they still hold), before the projections' final step, and also when the run fails.
 */
export async function seedCatalog(paths: string[], writer: CatalogWriter, options: SeedOptions = {}): Promise<SeedReport> {
  const batchSize = options.batchSize ?? writer.batchSize;
  let written = 0;
  // Each projection applies on its own, at the same time as the others and as the catalog's next batch (bounded queues).
  const pipelines = new ProjectionPipelines(options.projections ?? []);
  const report: SeedReport = { works: 0, authors: 0, institutions: 0, sources: 0, topics: 0, duplicates: 0, rejected: [], rejectedCount: 0, rebuilt: 0 };
  // The ids met are counted by the store (the catalog's own table for the run): memory is bounded by the batch.
  const seen = await writer.openSeenIds();
  // An empty catalog loads without its secondary indexes and foreign keys, rebuilt before the projections' final step.
  let bulk: BulkLoad | undefined;
  try {
    bulk = await writer.beginBulkLoad?.();
  } catch (err) {
    await seen.close().catch(() => undefined);
    throw err;
  }
  let pending: Pending[] = [];
  let inflight: Promise<void> = Promise.resolve();

  const flush = async (items: Pending[]) => {
    if (items.length === 0) return;
    const idsByKind = new Map<OpenAlexKind, string[]>();
    for (const { kind, id } of items) {
      if (id === undefined) continue;
      const ids = idsByKind.get(kind) ?? [];
      ids.push(id);
      idsByKind.set(kind, ids);
    }
    for (const [kind, ids] of idsByKind) report.duplicates += await seen.add(kind, ids);
    let accepted = items;
    try {
      await writer.upsert(mergeBatches(items.map((p) => p.batch)));
    } catch (err) {
      if (err instanceof DomainError) throw err; // the store is down: stop, nothing to isolate
      accepted = [];
      for (const item of items) {
        try {
          await writer.upsert(item.batch);
          accepted.push(item);
        } catch (single) {
          if (single instanceof DomainError) throw single;
          reject(report, item.origin, `rejected by the database: ${errorMessage(single)}`);
        }
      }
    }
    written += accepted.length;
    options.onWritten?.(written);
    // Projections get the batches they always got (PROJECTION_BATCH_SIZE records), however large the catalog's transaction.
    for (let start = 0; start < accepted.length; start += PROJECTION_BATCH_SIZE) {
      const chunk = mergeBatches(accepted.slice(start, start + PROJECTION_BATCH_SIZE).map((p) => p.batch));
      await pipelines.push(chunk);
    }
  };

  try {
    for await (const input of readOpenAlex(paths, options.onProgress ? { onProgress: options.onProgress } : {})) {
      if (input.kind === 'rejected') {
        reject(report, input.origin, input.reason);
        continue;
      }
      let batch: CatalogBatch;
      try {
        batch = catalogBatchFromOpenAlex(input);
      } catch (err) {
        reject(report, input.origin, errorMessage(err));
        continue;
      }
      const id = batch.works[0]?.id ?? batch.authors[0]?.id ?? batch.institutions[0]?.id ?? batch.sources[0]?.id ?? batch.topics[0]?.id;
      pending.push({ origin: input.origin, kind: input.kind, id, batch });
      if (pending.length >= batchSize) {
        // One batch is written while the next is read and mapped: at most two batches are held.
        const items = pending;
        pending = [];
        await inflight;
        inflight = flush(items);
        inflight.catch(() => undefined); // handled: the next await rethrows it
      }
    }
    await inflight;
    await flush(pending);
    if (bulk) {
      await bulk.finish();
      report.rebuilt = bulk.setAside;
    }
    // Every batch applied, then what the bulk applies deferred (InfluxDB recomputes each subject the run touched once, here).
    await pipelines.finish();
    report.works = await seen.count('work');
    report.authors = await seen.count('author');
    report.institutions = await seen.count('institution');
    report.sources = await seen.count('source');
    report.topics = await seen.count('topic');
    return report;
  } finally {
    await inflight.catch(() => undefined);
    await pipelines.settle();
    // A run failing midway rebuilds what it set aside all the same (if the store is down, its next start does).
    await bulk?.finish().catch(() => undefined);
    // A store gone down must not hide the run's own error; its table is then left behind (see PostgresSeenIds).
    await seen.close().catch(() => undefined);
  }
}
