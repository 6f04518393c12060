import type { Cache } from '../../datasources/cache/Cache';
import type { ChangeTraces } from '../../datasources/writes/ChangeTraces';
import type { CatalogSnapshot } from '../../datasources/CatalogSnapshot';
import type { ArticleWriter } from '../../datasources/writes/articleWrite';
import type { Outbox } from '../../datasources/writes/Outbox';
import type { Projection } from '../../datasources/writes/Projection';
import type { Logger } from '../core/logger';
import { registerOutboxStats } from '../core/metrics';
import { ArticleService } from './ArticleService';
import { afterWrite } from './afterWrite';
import { OutboxAdmin } from './OutboxAdmin';
import { OutboxRelay } from './OutboxRelay';
import type { OutboxSettings } from './OutboxSettings';
import { SyncTokenCodec } from './SyncToken';
import { SyncTracker } from './SyncTracker';

/** The datasources a write touches, from the commit to the last projection. */
export interface WritePathStores {
  readonly articleWriter: ArticleWriter;
  readonly outbox: Outbox;
  readonly changeTraces: ChangeTraces;
  /** The catalog read back as projection batches. */
  readonly snapshot: CatalogSnapshot;
  readonly projections: readonly Projection[];
  readonly cache: Cache;
}

/** The write side of one gateway process: the article service, outbox administration and, unless OUTBOX_RELAY=off, its relay. */
export interface WritePath {
  readonly articles: ArticleService;
  readonly outbox: OutboxAdmin;
  /** Sync tokens of the mutations and the `syncStatus` query. */
  readonly sync: SyncTracker;
  readonly relay: OutboxRelay | undefined;
  /** Stops the relay after delivering what is ready, for at most `flushMs` (graceful shutdown). */
  stop(flushMs?: number): Promise<void>;
}

/** What sync tokens need: their HMAC key (syncTokenKey.ts) and the request deadline no wait may pass. */
export interface SyncSettings {
  readonly tokenKey: Buffer;
  readonly requestTimeoutMs: number;
}

/**
 * Builds the write path over the opened stores and starts its relay. A write runs, in order: ArticleService
 * (validated change → the article and its outbox record in one PostgreSQL transaction) → afterWrite (stale cached
 * reads dropped) → OutboxRelay (each record delivered to every projection store, retried with backoff, dead-lettered
 * after OUTBOX_MAX_ATTEMPTS) → afterWrite again as each projection applies it.
 */
export function startWritePath(settings: OutboxSettings, logger: Logger, stores: WritePathStores, syncSettings: SyncSettings): WritePath {
  const log = logger.child({ component: 'outbox' });
  const invalidate = afterWrite(stores.cache);
  const relay = settings.relay
    ? new OutboxRelay(stores.outbox, stores.snapshot, stores.projections, invalidate, log, {
        pollIntervalMs: settings.pollIntervalMs,
        maxAttempts: settings.maxAttempts,
        maxBackoffMs: settings.maxBackoffMs,
      })
    : undefined;
  relay?.start();
  // /metrics: gateway_outbox_records{state} and gateway_outbox_oldest_record_age_seconds, read at each scrape.
  registerOutboxStats(() => stores.outbox.stats());
  const wakeRelay = () => relay?.wake();
  const articles = new ArticleService({
    writer: stores.articleWriter,
    outbox: stores.outbox,
    projectionStores: stores.projections.map((p) => p.store),
    invalidate,
    wakeRelay,
    syncWaitMs: settings.syncWaitMs,
    logger: log,
  });
  const sync = new SyncTracker({
    codec: new SyncTokenCodec(syncSettings.tokenKey),
    traces: stores.changeTraces,
    onRelaySettled: relay ? (listener) => relay.onSettled(listener) : undefined,
    requestTimeoutMs: syncSettings.requestTimeoutMs,
    maxWaiters: settings.syncStatusMaxWaiters,
  });
  return {
    articles,
    outbox: new OutboxAdmin(stores.outbox, wakeRelay),
    sync,
    relay,
    stop: async (flushMs = 5_000) => {
      if (!relay) return;
      await relay.stop();
      // Deliver what is ready now rather than leave it to another replica or the next start.
      const emptied = await relay.flush(flushMs).catch(() => false);
      if (!emptied) log.warn('outbox not empty at shutdown; the records stay and are delivered after restart (or by another replica)');
    },
  };
}
