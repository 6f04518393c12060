import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import type { Config } from './config';
import type { GatewayContext } from './context';
import { createFormatError } from './errors';
import { mountExplorer } from './http/explorer';
import { metricsEndpoint } from './http/metricsEndpoint';
import { readinessHandler } from './http/ready';
import { requestLogging } from './http/requestLogging';
import { createRequestLimits } from './http/requestLimits';
import { createHttpCachingPlugins } from './http/responseCachePlugins';
import type { Logger } from './logger';
import { gatewayMetrics } from './observability/metrics';
import { observabilityPlugin } from './observability/observabilityPlugin';
import { buildSchema } from './schema';
import { createRequestContext } from './requestContext';
import type { Stores } from './stores';
import { startWritePath, type WritePath } from './writePath';
import { TokenVerifier } from './auth/TokenVerifier';

/** A running gateway: its URL and how to stop it. */
export interface Gateway {
  readonly url: string;
  /** The write side (article mutations and the outbox relay). */
  readonly writePath: WritePath;
  stop(): Promise<void>;
}

/**
 * Builds the HTTP app (GraphQL and the explorer at /graphql, /health, /ready, /metrics) over already opened stores and starts
 * listening on config.host:config.port; starts the outbox relay. `stop` drains in-flight requests, then stops the relay
 * after flushing what is ready; closing the stores is the caller's.
 */
export async function startGateway(config: Config, logger: Logger, stores: Stores): Promise<Gateway> {
  const verifier = await TokenVerifier.create(config.auth);
  const writePath = startWritePath(config, logger, stores);
  const app = express();
  const httpServer = http.createServer(app);
  // First: the request id, the request's deadline and store-call counts, the log line and HTTP metrics.
  app.use(
    requestLogging({
      logger,
      graphqlPath: '/graphql',
      requestTimeoutMs: config.resilience.requestTimeoutMs,
      slowOperationMs: config.observability.slowOperationMs,
    }),
  );
  let draining = false;
  const limits = createRequestLimits<GatewayContext>(config.graphql, stores.cache);
  const apollo = new ApolloServer<GatewayContext>({
    ...limits.apolloOptions,
    schema: buildSchema(),
    formatError: createFormatError(config.nodeEnv === 'development'),
    includeStacktraceInErrorResponses: config.nodeEnv === 'development',
    // Apollo's landing page loads from a CDN; the offline GraphiQL explorer (mountExplorer) replaces it.
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      observabilityPlugin(),
      ...limits.plugins,
      // Cache-Control caps, no-store for credentials and mutations, the response cache (README, "HTTP caching").
      ...createHttpCachingPlugins(config.responseCache, config.auth.queries, stores.cache),
    ],
  });
  await apollo.start();

  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get(
    '/ready',
    readinessHandler(
      stores.health,
      { required: config.observability.readyRequiredStores, timeoutMs: config.observability.readyProbeTimeoutMs, logger },
      () => draining,
    ),
  );
  app.get('/metrics', metricsEndpoint(gatewayMetrics));
  mountExplorer(app, '/graphql');
  app.use(
    '/graphql',
    // Body and batch limits, then Apollo (depth, aliases, tokens, directives, cost, APQ, CSRF: src/http/requestLimits.ts).
    ...limits.httpMiddleware,
    expressMiddleware(apollo, {
      context: ({ req }) => createRequestContext({ config, stores, writePath, verifier }, req.headers),
    }),
  );

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.port, config.host, resolve);
  });
  const { port } = httpServer.address() as AddressInfo;
  const host = config.host === '0.0.0.0' ? 'localhost' : config.host;
  const url = `http://${host}:${port}/graphql`;
  logger.info({ url }, 'gateway ready');
  return {
    url,
    writePath,
    stop: async () => {
      draining = true;
      await apollo.stop();
      await writePath.stop();
    },
  };
}
