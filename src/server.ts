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
import { createLoaders } from './loaders/createLoaders';
import { mountExplorer } from './http/explorer';
import type { Logger } from './logger';
import { buildSchema } from './schema';
import type { Stores } from './stores';

/** A running gateway: its URL and how to stop it. */
export interface Gateway {
  readonly url: string;
  stop(): Promise<void>;
}

/**
 * Builds the HTTP app (GraphQL and the explorer at /graphql, /health) over already opened stores and starts
 * listening on config.host:config.port. `stop` drains in-flight requests; closing the stores is the caller's.
 */
export async function startGateway(config: Config, logger: Logger, stores: Stores): Promise<Gateway> {
  const app = express();
  const httpServer = http.createServer(app);
  const apollo = new ApolloServer<GatewayContext>({
    schema: buildSchema(),
    formatError: createFormatError(config.nodeEnv === 'development'),
    includeStacktraceInErrorResponses: config.nodeEnv === 'development',
    // Apollo's landing page loads from a CDN; the offline GraphiQL explorer (mountExplorer) replaces it.
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer }), ApolloServerPluginLandingPageDisabled()],
  });
  await apollo.start();

  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  mountExplorer(app, '/graphql');
  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, {
      // Loaders are per request: batching and de-duplication never leak across requests or users.
      context: async (): Promise<GatewayContext> => ({
        config,
        catalog: stores.catalog,
        citations: stores.citations,
        search: stores.search,
        loaders: createLoaders(stores),
      }),
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
    stop: async () => {
      await apollo.stop();
    },
  };
}
