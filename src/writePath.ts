import type { TouchedIds } from '../datasources/articleWrite';
import { invalidateWorkChange } from '../datasources/cache/invalidateWorkChange';
import { ArticleService } from './articles/ArticleService';
import { ResponseCacheGeneration } from './http/responseCacheGeneration';
import type { Config } from './config';
import type { Logger } from './core/logger';
import { registerOutboxStats } from './core/metrics';
import { OutboxRelay } from './outbox/OutboxRelay';
import type { Stores } from './stores';

/** The write side of one gateway process: the article service and, unless OUTBOX_RELAY=off, its outbox relay. */
export interface WritePath {
  readonly articles: ArticleService;
  readonly relay: OutboxRelay | undefined;
  /** Stops the relay after delivering what is ready, for at most `flushMs` (graceful shutdown). */
  stop(flushMs?: number): Promise<void>;
}

/** Builds the article service and starts the relay over the opened stores. */
export function startWritePath(config: Config, logger: Logger, stores: Stores): WritePath {
  const log = logger.child({ component: 'outbox' });
  // After every committed article change and every projection apply: drop the work's cached reads and start a
  // new response-cache generation (README, "HTTP caching").
  const responses = new ResponseCacheGeneration(stores.cache);
  const afterWrite = async (record: { readonly workId: string; readonly touched: TouchedIds }) => {
    await invalidateWorkChange(stores.cache, record.workId, record.touched);
    await responses.bump();
  };
  const relay = config.outbox.relay
    ? new OutboxRelay(stores.outbox, stores.snapshot, stores.projections, afterWrite, log, {
        pollIntervalMs: config.outbox.pollIntervalMs,
        maxAttempts: config.outbox.maxAttempts,
        maxBackoffMs: config.outbox.maxBackoffMs,
      })
    : undefined;
  relay?.start();
  // /metrics: gateway_outbox_records{state} and gateway_outbox_oldest_record_age_seconds, read at each scrape.
  registerOutboxStats(() => stores.outbox.stats());
  const articles = new ArticleService({
    writer: stores.articleWriter,
    outbox: stores.outbox,
    projectionStores: stores.projections.map((p) => p.store),
    invalidate: afterWrite,
    wakeRelay: () => relay?.wake(),
    syncWaitMs: config.outbox.syncWaitMs,
    logger: log,
  });
  return {
    articles,
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
