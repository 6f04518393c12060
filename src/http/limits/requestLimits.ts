import type { ApolloServerOptions, ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { DocumentNode } from 'graphql';
import { gatewayMetrics } from '../../core/metrics';
import { BoundedMemoryCache } from '../caching/BoundedMemoryCache';
import type { BudgetContext } from './responseBudgetPlugin';
import type express from 'express';
import type { Cache } from '../../../datasources/cache/Cache';
import type { Config } from '../../config';
import { allowListPlugin } from './allowListPlugin';
import { batchLimit } from './batchLimit';
import { costLimitPlugin } from './costLimitPlugin';
import { documentLimitRules } from './documentLimitRules';
import { jsonBody } from '../middleware/jsonBody';
import { legacyJsonStatusPlugin } from '../graphql/legacyJsonStatusPlugin';
import { PersistedDocuments } from './PersistedDocuments';
import { APQ_TTL_SECONDS, createPersistedQueryCache } from '../caching/persistedQueryCache';
import { requestErrorCodesPlugin } from '../graphql/requestErrorCodesPlugin';

/** The ApolloServer options the limits set (spread them into the constructor's options). */
export type RequestLimitApolloOptions = Pick<
  ApolloServerOptions<BaseContext>,
  | 'validationRules'
  | 'parseOptions'
  | 'persistedQueries'
  | 'csrfPrevention'
  | 'introspection'
  | 'hideSchemaDetailsFromClientErrors'
  | 'allowBatchedHttpRequests'
  | 'maxRecursiveSelections'
  | 'documentStore'
>;

/** Everything the GraphQL endpoint needs to enforce the request limits. */
export interface RequestLimits<TContext extends BudgetContext> {
  /** Spread into the ApolloServer constructor's options. */
  readonly apolloOptions: RequestLimitApolloOptions;
  /** Add to the ApolloServer plugins. */
  readonly plugins: ApolloServerPlugin<TContext>[];
  /** Mount on the GraphQL path, in this order, right before Apollo's express middleware (they parse the body). */
  readonly httpMiddleware: (express.RequestHandler | express.ErrorRequestHandler)[];
}

/**
 * The request limits of the GraphQL endpoint, from the configuration (README, "Limits"):
 * - body size (PAYLOAD_TOO_LARGE, 413) and batch size (BATCH_LIMIT_EXCEEDED) at the HTTP layer;
 * - tokens (TOO_MANY_TOKENS, graphql-js stops parsing), depth, aliases and directives (QUERY_TOO_DEEP,
 *   TOO_MANY_ALIASES, TOO_MANY_DIRECTIVES, graphql-armor validation rules), Apollo's recursive-selection
 *   limit against fragment bombs, and the list-aware cost (QUERY_TOO_COMPLEX, with the variables);
 * - automatic persisted queries (Redis when the gateway cache is Redis, else in process), the optional
 *   allow-list of persisted documents (QUERY_NOT_IN_SAFELIST), CSRF prevention, introspection and
 *   "Did you mean" suggestions as configured;
 * - the GraphQL-over-HTTP status codes for `application/json` (legacyJsonStatusPlugin).
 * Reads the persisted documents file, if configured; throws if it is unreadable or malformed.
 */
export function createRequestLimits<TContext extends BudgetContext>(
  limits: Config['graphql'],
  cache: Cache,
  caches: Config['caches'],
  configuredCaps: ReadonlyMap<string, number> = new Map(),
): RequestLimits<TContext> {
  const documents = limits.persistedDocuments === undefined ? undefined : PersistedDocuments.fromFile(limits.persistedDocuments);
  if (limits.persistedOnly && !documents) throw new Error('GRAPHQL_PERSISTED_ONLY needs GRAPHQL_PERSISTED_DOCUMENTS');
  const plugins: ApolloServerPlugin<TContext>[] = [];
  // The allow-list goes first: a document that is not allowed is refused as such, whatever it would cost.
  if (limits.persistedOnly && documents) plugins.push(allowListPlugin(documents));
  plugins.push(
    costLimitPlugin(limits.maxCost, configuredCaps),
    requestErrorCodesPlugin(),
    legacyJsonStatusPlugin(),
  );
  return {
    apolloOptions: {
      validationRules: documentLimitRules(limits),
      // graphql-js stops lexing past maxTokens, before building any parse tree (requestErrorCodesPlugin labels it).
      parseOptions: { maxTokens: limits.maxTokens },
      maxRecursiveSelections: true,
      documentStore: documentStore(caches.documentBytes),
      persistedQueries: {
        cache: createPersistedQueryCache({ cache, documents, persistedOnly: limits.persistedOnly, memoryBytes: caches.apqBytes }),
        ttl: APQ_TTL_SECONDS,
      },
      csrfPrevention: true,
      introspection: limits.introspection,
      hideSchemaDetailsFromClientErrors: !limits.suggestions,
      allowBatchedHttpRequests: limits.maxBatch > 1,
    },
    plugins,
    httpMiddleware: [...jsonBody(limits.bodyLimitBytes), batchLimit(limits.maxBatch)],
  };
}

/**
 * Apollo's store of parsed and validated documents, by hash (so a repeated operation is neither parsed nor validated
 * again), bounded in bytes (a document counted at twice the length of its JSON form, as Apollo's own default does
 * once); reported in /metrics as `documents`.
 */
function documentStore(maxBytes: number): BoundedMemoryCache<DocumentNode> {
  const store = new BoundedMemoryCache<DocumentNode>({ maxBytes, sizeOf: (doc) => 2 * JSON.stringify(doc).length });
  gatewayMetrics.trackCache('documents', store);
  return store;
}
