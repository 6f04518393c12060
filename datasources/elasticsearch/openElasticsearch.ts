import { Client, UndiciConnection } from '@elastic/elasticsearch';
import type { Logger } from '../../src/core/logger';
import type { OpenedStore } from '../OpenedStore';
import { StorePolicy, type StorePolicyOptions } from '../shared/StorePolicy';
import { ElasticProjection } from './ElasticProjection';
import { elasticsearchHealth } from './elasticsearchHealth';
import { ElasticSearchIndex } from './ElasticSearchIndex';
import { isTransientElasticError } from './isTransientElasticError';
import { refusingEmptyAnswers } from './refusingEmptyAnswers';
import { DEFAULT_WORK_INDEX } from './workIndexMapping';

export interface OpenElasticsearchOptions {
  /** Name of the works index (default `works`). */
  readonly index?: string;
  /** Overrides of the store policy (timeouts, retries, breaker). */
  readonly policy?: Partial<StorePolicyOptions>;
}

/** The Elasticsearch side of the gateway: search over the works index and the projection that fills it. */
/** Readiness: `HEAD /`, and the policy's breaker. */
export interface ElasticsearchStores extends OpenedStore {
  readonly search: ElasticSearchIndex;
  readonly projection: ElasticProjection;
}

/** The client's default connection (undici), refusing empty 2xx answers so they fail as unavailability. */
const CheckedConnection = refusingEmptyAnswers(UndiciConnection);

/**
 * Creates the client (no connection is made until the first call) and, over it and one
 * StorePolicy('elasticsearch'), the search index and the projection. The client does not retry by itself:
 * the policy retries transient failures (with backoff) and opens the breaker. Call
 * `projection.ensureSchema()` before the first search or apply.
 */
export function openElasticsearch(config: { readonly url: string }, logger: Logger, options: OpenElasticsearchOptions = {}): ElasticsearchStores {
  const index = options.index ?? DEFAULT_WORK_INDEX;
  const client = new Client({ node: config.url, maxRetries: 0, requestTimeout: 30_000, Connection: CheckedConnection });
  const policy = new StorePolicy('elasticsearch', isTransientElasticError, options.policy);
  return {
    search: new ElasticSearchIndex(client, policy, index),
    projection: new ElasticProjection(client, policy, index, logger),
    health: elasticsearchHealth(client, [policy]),
    describe: () => ({ store: 'elasticsearch', configured: true, backend: 'elasticsearch' }),
    close: () => client.close(),
  };
}
