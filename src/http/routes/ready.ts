import type express from 'express';
import type { BreakerState } from '../../core/BreakerState';
import type { HealthProbe } from '../../../datasources/HealthProbe';
import type { Logger } from '../../core/logger';
import type { StoreName } from '../../core/StoreName';

/** One configured store in the /ready answer. */
export interface StoreReadiness {
  readonly store: StoreName;
  /** Whether the gateway is ready only while this store is up (READY_REQUIRED_STORES). */
  readonly required: boolean;
  readonly status: 'up' | 'down';
  /** How long the ping took (until the timeout, for a store that did not answer). */
  readonly latencyMs: number;
  readonly breaker: BreakerState;
}

/** The /ready answer: `ready` while every required store is up and the gateway is not shutting down. */
export interface Readiness {
  readonly status: 'ready' | 'not_ready';
  /** Present (true) once a shutdown began: load balancers should send nothing more. */
  readonly draining?: true;
  readonly stores: readonly StoreReadiness[];
}

export interface ReadinessOptions {
  readonly required: readonly StoreName[];
  /** Longest wait for one store's ping; the pings run concurrently. */
  readonly timeoutMs: number;
  readonly logger?: Logger;
}

/** Pings every store at once, each bounded by `timeoutMs`, and says whether the required ones are all up. */
export async function checkReadiness(probes: readonly HealthProbe[], options: ReadinessOptions): Promise<Readiness> {
  const required = new Set(options.required);
  const stores = await Promise.all(
    probes.map(async (probe): Promise<StoreReadiness> => {
      const started = performance.now();
      const error = await pingWithin(probe, options.timeoutMs);
      const latencyMs = Math.round((performance.now() - started) * 10) / 10;
      if (error !== undefined) options.logger?.warn({ store: probe.store, err: error, latencyMs }, 'readiness probe failed');
      return { store: probe.store, required: required.has(probe.store), status: error === undefined ? 'up' : 'down', latencyMs, breaker: probe.breakerState() };
    }),
  );
  const ready = stores.every((s) => !s.required || s.status === 'up');
  return { status: ready ? 'ready' : 'not_ready', stores };
}

/**
 * GET /ready: the Readiness as JSON, HTTP 200 when ready and 503 otherwise (and always 503 once
 * `isDraining()` says a shutdown began). A required store that is not configured is not waited for.
 */
export function readinessHandler(probes: readonly HealthProbe[], options: ReadinessOptions, isDraining: () => boolean): express.RequestHandler {
  return (_req, res, next) => {
    checkReadiness(probes, options).then((readiness) => {
      const draining = isDraining();
      const body: Readiness = draining ? { ...readiness, status: 'not_ready', draining: true } : readiness;
      res.status(body.status === 'ready' ? 200 : 503).set('cache-control', 'no-store').json(body);
    }, next);
  };
}

/** undefined when the store answered in time, else why not (a message). */
async function pingWithin(probe: HealthProbe, timeoutMs: number): Promise<string | undefined> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<string>((resolve) => {
    timer = setTimeout(() => {
      controller.abort();
      resolve(`no answer within ${timeoutMs} ms`);
    }, timeoutMs);
  });
  try {
    return await Promise.race([
      probe.ping(controller.signal).then(
        () => undefined,
        (err: unknown) => (err instanceof Error ? err.message || err.name : String(err)),
      ),
      timedOut,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
