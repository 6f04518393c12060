import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { BreakerState } from './BreakerState';

/** What the outbox reports about itself; `oldestPendingAgeSeconds` is null when nothing is pending. */
export interface OutboxStats {
  readonly pending: number;
  readonly deadLettered: number;
  readonly oldestPendingAgeSeconds: number | null;
}

/** Asked on every scrape of /metrics (at most once per scrape). */
export type OutboxStatsSource = () => Promise<OutboxStats>;

/** Something with a circuit breaker for one store (a StorePolicy): read on every scrape. */
export interface BreakerSource {
  readonly store: string;
  readonly breakerState: BreakerState;
}

/** An in-process cache bounded in bytes (the LRU, the APQ store, Apollo's document store): read on every scrape. */
export interface CacheSizeSource {
  /** Bytes its entries are counted as now. */
  readonly bytes: number;
  readonly maxBytes: number;
}

/** Gauge value of a breaker state: 0 closed, 1 half-open, 2 open (so `max` is the worst). */
export const BREAKER_STATE_VALUE: Readonly<Record<BreakerState, number>> = { closed: 0, 'half-open': 1, open: 2 };

/** The `outcome` label values of gateway_http_request_duration_seconds (src/http/middleware/requestLog.ts). */
export const HTTP_OUTCOMES = ['success', 'error', 'aborted'] as const;
export type HttpOutcome = (typeof HTTP_OUTCOMES)[number];

/** Seconds: from 5 ms to 30 s, the span between a cache hit and the request deadline. */
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
const BATCH_SIZE_BUCKETS = [1, 2, 5, 10, 25, 50, 100, 200, 500, 1000];

/**
 * The gateway's Prometheus metrics, all registered on `registry` (names in README, "Operating the gateway").
 * Datasources, loaders and the HTTP layer record into the process-wide `gatewayMetrics`; tests build their
 * own instance over a fresh Registry, or reset the process-wide one.
 */
export class GatewayMetrics {
  readonly httpRequestDuration: Histogram<'operation' | 'outcome'>;
  readonly graphqlErrors: Counter<'code'>;
  readonly datasourceCalls: Counter<'store' | 'operation' | 'outcome'>;
  readonly datasourceCallDuration: Histogram<'store' | 'operation'>;
  readonly cacheRequests: Counter<'store' | 'entity' | 'result'>;
  readonly dataloaderBatchSize: Histogram<'loader'>;
  readonly httpConnectionsDropped: Counter;
  private readonly breakers = new Set<WeakRef<BreakerSource>>();
  private readonly caches = new Map<string, WeakRef<CacheSizeSource>>();
  private outboxSource: OutboxStatsSource | undefined;
  private outboxScrape: Promise<OutboxStats | undefined> | undefined;
  private defaultMetrics = false;

  constructor(readonly registry: Registry = new Registry()) {
    const registers = [registry];
    this.httpRequestDuration = new Histogram({
      name: 'gateway_http_request_duration_seconds',
      help: 'Duration of GraphQL HTTP requests, by operation name and outcome (success or error)',
      labelNames: ['operation', 'outcome'],
      buckets: DURATION_BUCKETS,
      registers,
    });
    this.graphqlErrors = new Counter({
      name: 'gateway_graphql_errors_total',
      help: 'Errors in GraphQL responses, by extensions.code',
      labelNames: ['code'],
      registers,
    });
    this.datasourceCalls = new Counter({
      name: 'gateway_datasource_calls_total',
      help: 'Calls through a store policy, by store, operation and outcome',
      labelNames: ['store', 'operation', 'outcome'],
      registers,
    });
    this.datasourceCallDuration = new Histogram({
      name: 'gateway_datasource_call_duration_seconds',
      help: 'Duration of calls through a store policy (retries and queueing included), by store and operation',
      labelNames: ['store', 'operation'],
      buckets: DURATION_BUCKETS,
      registers,
    });
    this.cacheRequests = new Counter({
      name: 'gateway_cache_requests_total',
      help: 'Keys looked up in the cross-request cache, by cache store (redis or lru; hot: the decoded entities kept in this process, hits only), entity and result (hit or miss)',
      labelNames: ['store', 'entity', 'result'],
      registers,
    });
    this.dataloaderBatchSize = new Histogram({
      name: 'gateway_dataloader_batch_size',
      help: 'Keys per DataLoader batch, by loader',
      labelNames: ['loader'],
      buckets: BATCH_SIZE_BUCKETS,
      registers,
    });
    this.httpConnectionsDropped = new Counter({
      name: 'gateway_http_connections_dropped_total',
      help: 'Connections closed unanswered as soon as they were accepted, because HTTP_MAX_CONNECTIONS were open',
      registers,
    });
    const breakers = this.breakers;
    new Gauge({
      name: 'gateway_circuit_breaker_state',
      help: 'Circuit breaker state per store: 0 closed, 1 half-open, 2 open (the worst of the store policies)',
      labelNames: ['store'],
      registers,
      collect() {
        const worst = new Map<string, number>();
        for (const ref of breakers) {
          const source = ref.deref();
          if (!source) {
            breakers.delete(ref);
            continue;
          }
          worst.set(source.store, Math.max(worst.get(source.store) ?? 0, BREAKER_STATE_VALUE[source.breakerState]));
        }
        this.reset();
        for (const [store, value] of worst) this.set({ store }, value);
      },
    });
    const caches = this.caches;
    const sizes = (pick: (c: CacheSizeSource) => number) =>
      function (this: Gauge<'cache'>) {
        this.reset();
        for (const [name, ref] of caches) {
          const cache = ref.deref();
          if (cache) this.set({ cache: name }, pick(cache));
          else caches.delete(name);
        }
      };
    new Gauge({
      name: 'gateway_cache_bytes',
      help: 'Bytes the entries of each in-process cache are counted as (lru: entities and responses without Redis; apq: registered queries without Redis; documents: parsed documents)',
      labelNames: ['cache'],
      registers,
      collect: sizes((c) => c.bytes),
    });
    new Gauge({
      name: 'gateway_cache_max_bytes',
      help: 'The byte bound of each in-process cache (CACHE_MAX_BYTES, APQ_CACHE_MAX_BYTES, GRAPHQL_DOCUMENT_CACHE_BYTES)',
      labelNames: ['cache'],
      registers,
      collect: sizes((c) => c.maxBytes),
    });
    const outbox = () => this.scrapeOutbox();
    new Gauge({
      name: 'gateway_outbox_records',
      help: 'Outbox records by state (pending or dead_lettered); 0 until the outbox registers its statistics',
      labelNames: ['state'],
      registers,
      async collect() {
        const stats = await outbox();
        this.set({ state: 'pending' }, stats?.pending ?? 0);
        this.set({ state: 'dead_lettered' }, stats?.deadLettered ?? 0);
      },
    });
    new Gauge({
      name: 'gateway_outbox_oldest_record_age_seconds',
      help: 'Age of the oldest pending outbox record; 0 when none is pending',
      registers,
      async collect() {
        const stats = await outbox();
        this.set(stats?.oldestPendingAgeSeconds ?? 0);
      },
    });
  }

  /** Removes every series of gateway_http_request_duration_seconds with this `operation` label (it lost its label). */
  removeOperationSeries(operation: string): void {
    for (const outcome of HTTP_OUTCOMES) this.httpRequestDuration.remove({ operation, outcome });
  }

  /** Reports `source`'s breaker in gateway_circuit_breaker_state for as long as it is alive (weakly held). */
  trackBreaker(source: BreakerSource): void {
    this.breakers.add(new WeakRef(source));
  }

  /** Reports an in-process cache's size and bound in gateway_cache_bytes / gateway_cache_max_bytes{cache: name} while it is alive. */
  trackCache(name: string, source: CacheSizeSource): void {
    this.caches.set(name, new WeakRef(source));
  }

  /** Feeds the outbox gauges; the last registration wins. */
  registerOutboxStats(source: OutboxStatsSource): void {
    this.outboxSource = source;
  }

  /** Adds prom-client's default process and Node.js metrics to the registry (once). */
  enableDefaultMetrics(): void {
    if (this.defaultMetrics) return;
    this.defaultMetrics = true;
    collectDefaultMetrics({ register: this.registry });
  }

  /** One call of the outbox source per scrape, shared by both gauges; a failing source leaves them at 0. */
  private scrapeOutbox(): Promise<OutboxStats | undefined> {
    const source = this.outboxSource;
    if (!source) return Promise.resolve(undefined);
    this.outboxScrape ??= source()
      .catch(() => undefined)
      .finally(() => {
        this.outboxScrape = undefined;
      });
    return this.outboxScrape;
  }
}

/** The process-wide metrics that /metrics serves. */
export const gatewayMetrics = new GatewayMetrics();

/**
 * Lets the outbox report its size and the age of its oldest pending record on every scrape of /metrics
 * (gateway_outbox_records{state}, gateway_outbox_oldest_record_age_seconds).
 */
export function registerOutboxStats(source: OutboxStatsSource, metrics: GatewayMetrics = gatewayMetrics): void {
  metrics.registerOutboxStats(source);
}
