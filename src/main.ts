import { loadConfig } from './config';
import { createLogger } from './core/logger';
import { Shutdown } from './lifecycle/Shutdown';
import { startTracing } from './observability/tracing';
import { seedSampleIfEmpty } from './seed/seedSampleIfEmpty';
import { startGateway } from './server';
import { openStores } from './stores';

/** Of the shutdown bound, what the steps after the HTTP drain keep for themselves (relay flush, closing the stores). */
const AFTER_DRAIN_SHARE = 1 / 3;
const AFTER_DRAIN_MAX_MS = 3_000;
/** Of that, what closing the stores keeps after the relay's flush. */
const CLOSE_MAX_MS = 1_000;

let shutdown: Shutdown | undefined;

/**
 * Entry point of `npm start` and of the compiled gateway: read the configuration, open the stores, seed an empty
 * catalog, serve. SIGTERM and SIGINT (from the first one on, even during start-up) stop the parts in reverse
 * order within SHUTDOWN_TIMEOUT_MS: the HTTP server drains its requests, the outbox relay delivers what is
 * ready, the stores close, spans are flushed; then the process exits 0, or 1 if something was cut off or failed.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const timeoutMs = config.shutdown.timeoutMs;
  shutdown = new Shutdown({ logger, timeoutMs });
  shutdown.listen();
  // graphql-js 16 stops completing a list at the first item that throws and leaves the earlier items' promises to
  // reject unheard: that must cost one log line, not the process (Node's default for an unhandled rejection).
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled promise rejection; the gateway keeps running'));
  let ready = false;
  // Stopped last: a signal that came before the gateway was ready ends the process with 1 (its start was interrupted).
  shutdown.add({ name: 'start-up', stop: async () => (ready ? { clean: true } : { clean: false, details: { interrupted: 'the gateway was still starting' } }) });
  // Before the stores open, so that every span has a provider (no-op when OTEL_EXPORTER_OTLP_ENDPOINT is unset).
  const tracing = startTracing(config.tracing, logger);
  if (tracing) shutdown.add({ name: 'tracing', stop: () => tracing.shutdown() });
  const stores = await openStores(config, logger);
  shutdown.add({ name: 'stores', stop: () => stores.close() });
  await seedSampleIfEmpty(config.postgres.seed, stores, logger);
  const gateway = await startGateway(config, logger, stores);
  const afterDrainMs = Math.min(AFTER_DRAIN_MAX_MS, timeoutMs * AFTER_DRAIN_SHARE);
  const closeMs = Math.min(CLOSE_MAX_MS, afterDrainMs / 2);
  shutdown.add({
    name: 'outbox relay',
    stop: async (deadline) => {
      await gateway.writePath.stop(Math.max(0, deadline - closeMs - performance.now()));
    },
  });
  shutdown.add({
    name: 'http',
    stop: async (deadline) => {
      const { cut } = await gateway.drain(deadline - afterDrainMs);
      return cut.length === 0 ? { clean: true } : { clean: false, details: { cutConnections: cut } };
    },
    describeOpen: () => ({ connections: gateway.openConnections() }),
  });
  ready = true;
}

main().catch((err: unknown) => {
  // A start-up step that failed because a signal closed the stores under it: the shutdown ends the process.
  if (shutdown?.isRunning) return;
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
