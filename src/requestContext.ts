import { ResponseCacheability } from './core/ResponseCacheability';
import type { IncomingHttpHeaders } from 'node:http';
import { RequestAuth } from './auth/RequestAuth';
import type { TokenVerifier } from './auth/TokenVerifier';
import type { Config } from './config';
import type { GatewayContext, GatewayDescription } from '../resolvers/context';
import { UnauthenticatedError } from './core/errors';
import { toGraphQLError } from './http/graphql/graphqlErrors';
import type { HeavyLane } from './http/limits/HeavyLane';
import { RequestBudget } from './http/limits/RequestBudget';
import { createLoaders } from './loaders/createLoaders';
import { currentRequestScope } from './core/requestScope';
import type { Stores } from './stores';
import type { WritePath } from './writes/startWritePath';

/** What every request's context is built from. */
export interface ContextDeps {
  readonly config: Config;
  /** Where large answers take turns (GRAPHQL_MAX_HEAVY_OPERATIONS). */
  readonly heavyLane: HeavyLane;
  readonly stores: Stores;
  readonly writePath: WritePath;
  readonly verifier: TokenVerifier;
  readonly gateway: GatewayDescription;
}

/** A resolver's context plus what only the HTTP edge reads: the request's budget (src/http/limits). */
export interface ServerContext extends GatewayContext {
  /** What the request may still spend: cost of its operations, bytes of its response, its deadline (shared by a batch). */
  readonly budget: RequestBudget;
}

/**
 * The context of one request: fresh loaders (batching and de-duplication never leak across requests or users)
 * and the caller's authentication. With AUTH_QUERIES=authenticated a request without a valid token is refused
 * here, before any resolver runs (HTTP 401).
 */
export async function createRequestContext(deps: ContextDeps, headers: IncomingHttpHeaders): Promise<ServerContext> {
  const result = await deps.verifier.verify(headers.authorization);
  if (deps.config.auth.queries === 'authenticated' && result.kind !== 'principal') {
    const error = new UnauthenticatedError(result.kind === 'invalid' ? result.reason : 'this gateway requires a bearer token for every request');
    throw toGraphQLError(error, { status: 401, headers: new Map([['www-authenticate', 'Bearer']]) });
  }
  return {
    gateway: deps.gateway,
    catalog: deps.stores.catalog,
    citations: deps.stores.citations,
    citationWalkMaxNodes: deps.config.citationWalkMaxNodes,
    search: deps.stores.search,
    loaders: createLoaders(deps.stores),
    auth: new RequestAuth(result),
    articles: deps.writePath.articles,
    outbox: deps.writePath.outbox,
    sync: deps.writePath.sync,
    budget: budgetOf(deps),
    cacheability: new ResponseCacheability(),
  };
}

/** The request's budget: its response limit and deadline, and the heavy lane once it is inside an HTTP request. */
function budgetOf(deps: ContextDeps): RequestBudget {
  const scope = currentRequestScope();
  const { maxResponseBytes, heavyResponseBytes, heavyCost } = deps.config.graphql;
  return new RequestBudget({
    maxBytes: maxResponseBytes,
    deadline: scope?.signal,
    costSink: scope,
    heavy: scope ? { lane: deps.heavyLane, thresholdBytes: heavyResponseBytes, thresholdCost: heavyCost, end: scope } : undefined,
  });
}
