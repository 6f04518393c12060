import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import type { Config } from './config';
import { createFormatError } from './http/graphql/formatError';
import { answerClientErrors } from './http/middleware/clientErrors';
import { corsPolicy } from './http/middleware/corsPolicy';
import { mountExplorer } from './http/routes/explorer';
import { errorsAsJson, notFoundAsJson } from './http/middleware/jsonFallbacks';
import { KnownOperationTypesRule } from './http/graphql/knownOperationTypesRule';
import { type DrainResult, HttpDrain, type OpenConnection } from './lifecycle/HttpDrain';
import { HeavyLane } from './http/limits/HeavyLane';
import { responseBudgetPlugin } from './http/limits/responseBudgetPlugin';
import { metricsEndpoint } from './http/routes/metricsEndpoint';
import { readinessHandler } from './http/routes/ready';
import { requestLog } from './http/middleware/requestLog';
import { requestScope } from './http/middleware/requestScope';
import { requestSpan } from './http/middleware/requestSpan';
import { configuredListCaps } from './http/limits/configuredListCaps';
import { createRequestLimits } from './http/limits/requestLimits';
import { storableTextPlugin } from './http/limits/storableTextPlugin';
import { cachePolicyPlugins } from './http/caching/cachePolicyPlugin';
import { ResponseCacheFront } from './http/caching/ResponseCacheFront';
import { chainHandlers, type NodeHandler } from './http/middleware/nodeHandler';
import type { Logger } from './core/logger';
import { internalErrorLog } from './observability/internalErrorLog';
import { gatewayMetrics } from './core/metrics';
import { observabilityPlugin } from './observability/observabilityPlugin';
import { OperationLabels } from './observability/operationLabel';
import { PersistedDocuments } from './http/limits/PersistedDocuments';
import { buildSchema } from './schema';
import { createRequestContext, type ServerContext } from './requestContext';
import type { Stores } from './stores';
import { startWritePath, type WritePath } from './writes/startWritePath';
import { syncTokenKey } from './writes/syncTokenKey';
import { TokenVerifier } from './auth/TokenVerifier';
import { gatewayVersion } from './core/gatewayVersion';

/** A running gateway: its URL and how to stop it. */
export interface Gateway {
  readonly url: string;
  /** The write side (article mutations and the outbox relay). */
  readonly writePath: WritePath;
  /**
   * Stops accepting connections and lets the requests in flight finish until `deadline` (a `performance.now()`
   * time; default: 10 s from now), cutting off what is left then; stops Apollo. `/ready` answers 503 from the start.
   */
  drain(deadline?: number): Promise<DrainResult>;
  /** Open connections and what each is doing (what a shutdown that runs out of time reports). */
  openConnections(): OpenConnection[];
  /** `drain`, then the outbox relay's stop and flush (tests; `npm start` runs the steps through src/lifecycle/Shutdown). */
  stop(): Promise<void>;
}

/**
 * The `operation` labels of this gateway's metrics: the persisted documents' operations always have theirs, other
 * names compete for the rest by recent use, and a name that loses its label takes its series out of the registry.
 */
function operationLabelsOf(config: Config): OperationLabels {
  const file = config.graphql.persistedDocuments;
  return new OperationLabels({
    pinned: file === undefined ? [] : PersistedDocuments.fromFile(file).operationNames(),
    onEvict: (label) => gatewayMetrics.removeOperationSeries(label),
  });
}

/** How long `drain` waits by default (Apollo's own default grace period). */
const DEFAULT_DRAIN_MS = 10_000;

/**
 * Builds the HTTP app (GraphQL and the explorer at /graphql, /health, /ready, /metrics) over already opened stores and starts
 * listening on config.host:config.port; starts the outbox relay. Signals are not handled here (Apollo's own handlers are
 * off): the process's one owner of SIGTERM/SIGINT is src/lifecycle/Shutdown. Closing the stores is the caller's.
 */
export async function startGateway(config: Config, logger: Logger, stores: Stores): Promise<Gateway> {
  const verifier = await TokenVerifier.create(config.auth);
  const tokenKey = syncTokenKey(config.syncTokenSecret, config.auth);
  if (tokenKey.origin === 'this process only' && config.auth.key.kind === 'publicKey') {
    logger.warn('SYNC_TOKEN_SECRET is not set and bearer tokens are verified with a public key: sync tokens are signed with a key of this process only (readable by this replica until it restarts)');
  }
  const writePath = startWritePath(config.outbox, logger, stores, { tokenKey: tokenKey.key, requestTimeoutMs: config.resilience.requestTimeoutMs });
  const gateway = { version: gatewayVersion(), stores: () => stores.describe() };
  const app = express();
  // No `X-Powered-By: Express`: it tells a scanner what to try, and a client nothing.
  app.disable('x-powered-by');
  const { headersTimeoutMs, requestTimeoutMs, maxConnections } = config.http;
  const labels = operationLabelsOf(config);
  const cors = corsPolicy(config.cors);
  // Before Express: the request id, its deadline and scope (store-call counts), its span, its log line and HTTP metric;
  // then the response cache, which answers a hit without Express or Apollo (README, "HTTP caching").
  const front: NodeHandler[] = [
    requestScope({ requestTimeoutMs: config.resilience.requestTimeoutMs }),
    requestSpan({ graphqlPath: '/graphql' }),
    requestLog({ logger, graphqlPath: '/graphql', slowOperationMs: config.observability.slowOperationMs }),
  ];
  // AUTH_QUERIES=authenticated refuses anonymous requests, the only ones the response cache serves.
  let responseCache: ResponseCacheFront | undefined;
  if (config.responseCache.enabled && config.auth.queries === 'public') {
    responseCache = new ResponseCacheFront({ cache: stores.cache, graphqlPath: '/graphql', bodyLimitBytes: config.graphql.bodyLimitBytes, cors, labelOf: (name) => labels.labelOf(name) });
    front.push(responseCache.handler);
  }
  const httpServer = http.createServer(
    {
      // A slow client (headers or body trickling in) is answered 408 and cut off (src/http/middleware/clientErrors.ts); Node
      // checks these bounds every connectionsCheckingInterval, 30 s by default: check often enough to keep them.
      headersTimeout: headersTimeoutMs,
      requestTimeout: requestTimeoutMs,
      connectionsCheckingInterval: Math.min(1_000, Math.max(50, Math.floor(headersTimeoutMs / 4))),
    },
    chainHandlers(front, app),
  );
  // Beyond the cap Node closes a new connection at once (its 'drop' event), before reading a byte of it.
  httpServer.maxConnections = maxConnections;
  httpServer.on('drop', () => gatewayMetrics.httpConnectionsDropped.inc());
  answerClientErrors(httpServer, { headersTimeoutMs, requestTimeoutMs });
  const connections = new HttpDrain(httpServer);
  const heavyLane = new HeavyLane(config.graphql.maxHeavyOperations);
  const limits = createRequestLimits<ServerContext>(config.graphql, stores.cache, config.caches, configuredListCaps(config));
  const internalErrors = internalErrorLog(logger);
  const apollo = new ApolloServer<ServerContext>({
    ...limits.apolloOptions,
    // The limits' rules, and the one graphql-js 16 lacks: `subscription { … }` is invalid here (no Subscription type).
    validationRules: [...(limits.apolloOptions.validationRules ?? []), KnownOperationTypesRule],
    schema: buildSchema(),
    logger: internalErrors.apolloLogger,
    // Masks unexpected errors outside development; the cause of every one is logged (src/observability/internalErrorLog.ts).
    formatError: createFormatError(config.nodeEnv === 'development', internalErrors.onInternalError),
    includeStacktraceInErrorResponses: config.nodeEnv === 'development',
    // Apollo would install its own SIGTERM/SIGINT handlers (unless NODE_ENV=test) that race the gateway's shutdown.
    stopOnTerminationSignals: false,
    // Apollo's landing page loads from a CDN; the offline GraphiQL explorer (mountExplorer) replaces it.
    plugins: [
      // First: an answer cut short by the request's budget is replaced before anything counts or caches it.
      responseBudgetPlugin(),
      ApolloServerPluginLandingPageDisabled(),
      observabilityPlugin(gatewayMetrics, labels),
      internalErrors.plugin,
      ...limits.plugins,
      // No text argument reaches a store with a NUL or an unpaired surrogate (README, "Using the API").
      storableTextPlugin(),
      // Cache-Control caps, no-store for credentials and mutations (README, "HTTP caching").
      ...cachePolicyPlugins(config.responseCache.maxAgeSeconds),
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
      () => connections.isDraining,
    ),
  );
  app.get('/metrics', metricsEndpoint(gatewayMetrics));
  // Before everything else on /graphql: preflights are answered here, and every answer carries the CORS headers.
  app.use('/graphql', cors);
  mountExplorer(app, '/graphql');
  app.use(
    '/graphql',
    // Body and batch limits, then Apollo (depth, aliases, tokens, directives, cost, APQ, CSRF: src/http/limits/requestLimits.ts).
    ...limits.httpMiddleware,
    expressMiddleware(apollo, {
      context: ({ req }) => createRequestContext({ config, stores, writePath, verifier, heavyLane, gateway }, req.headers),
    }),
  );

  // Last: whatever nothing served, and any error no route answered, as JSON (never express's HTML pages).
  app.use(notFoundAsJson('/graphql'));
  app.use(errorsAsJson(logger));

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.port, config.host, resolve);
  });
  const { port } = httpServer.address() as AddressInfo;
  const host = config.host === '0.0.0.0' ? 'localhost' : config.host;
  const url = `http://${host}:${port}/graphql`;
  logger.info({ url }, 'gateway ready');
  const drain = async (deadline = performance.now() + DEFAULT_DRAIN_MS): Promise<DrainResult> => {
    const result = await connections.drain(deadline);
    responseCache?.close();
    await apollo.stop();
    return result;
  };
  return {
    url,
    writePath,
    drain,
    openConnections: () => connections.openConnections(),
    stop: async () => {
      await drain();
      await writePath.stop();
    },
  };
}
