import { loadConfig } from './config';
import { createLogger } from './logger';
import { startTracing } from './observability/tracing';
import { seedSampleIfEmpty } from './seed/seedSampleIfEmpty';
import { startGateway } from './server';
import { openStores } from './stores';

/** Entry point of `npm start`: read the configuration, start the gateway, stop cleanly on SIGTERM/SIGINT. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  // Before the stores open, so that every span has a provider (no-op when OTEL_EXPORTER_OTLP_ENDPOINT is unset).
  const tracing = startTracing(config.tracing, logger);
  const stores = await openStores(config, logger);
  await seedSampleIfEmpty(config, stores, logger);
  const gateway = await startGateway(config, logger, stores);
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    // gateway.stop(): stop accepting connections, drain the requests in flight, flush the outbox relay;
    // then close the store clients and pools, and flush the last spans.
    gateway
      .stop()
      .then(() => stores.close())
      .then(() => tracing?.shutdown())
      .then(
      () => {
        logger.info('shutdown complete');
        process.exit(0);
      },
      (err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
