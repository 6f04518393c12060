import type { Logger } from '../../core/logger';
import { gatewayMetrics, type GatewayMetrics } from '../../core/metrics';
import { currentRequestScope } from '../../core/requestScope';
import { type NodeHandler, pathOf } from './nodeHandler';
import { requestOutcome } from './requestOutcome';

/** Paths polled by orchestrators and scrapers: logged at debug level only. */
const QUIET_PATHS = new Set(['/health', '/ready', '/metrics']);

export interface RequestLogOptions {
  readonly logger: Logger;
  /** Where GraphQL is served: requests under it are timed in gateway_http_request_duration_seconds. */
  readonly graphqlPath: string;
  /** A request taking longer is logged again, at warn level, as `slow operation` (SLOW_OPERATION_MS). */
  readonly slowOperationMs: number;
  readonly metrics?: GatewayMetrics;
}

/**
 * When a request's scope finishes: one JSON log line (request id, operation, outcome, status, duration, store
 * calls per store, error codes), a warn-level `slow operation` line above the threshold, and, for GraphQL
 * requests, the duration in gateway_http_request_duration_seconds{operation,outcome}. Runs after requestScope.
 */
export function requestLog(options: RequestLogOptions): NodeHandler {
  const metrics = options.metrics ?? gatewayMetrics;
  return (req, res, next) => {
    const scope = currentRequestScope();
    if (!scope) return next();
    // Read now: routers mounted on a path rewrite req.url (and so req.path) while they handle the request.
    const path = pathOf(req);
    scope.onFinish(() => {
      const durationSeconds = scope.elapsedSeconds();
      const { outcome, isGraphql, operation } = requestOutcome(req, res, scope, path, options.graphqlPath);
      if (isGraphql) metrics.httpRequestDuration.observe({ operation: operation ?? 'unknown', outcome }, durationSeconds);
      const line = {
        requestId: scope.requestId,
        method: req.method,
        path,
        status: res.statusCode,
        // The name itself, while the metric above has its bounded label (`other` for a name without one).
        ...(operation ? { operation: scope.operationName ?? operation } : {}),
        outcome,
        durationMs: Math.round(durationSeconds * 10_000) / 10,
        storeCalls: scope.storeCalls,
        ...(scope.errorCodes.length > 0 ? { errorCodes: [...new Set(scope.errorCodes)] } : {}),
      };
      if (QUIET_PATHS.has(path)) options.logger.debug(line, 'request completed');
      else options.logger.info(line, 'request completed');
      if (line.durationMs > options.slowOperationMs) {
        options.logger.warn({ ...line, thresholdMs: options.slowOperationMs }, 'slow operation');
      }
    });
    next();
  };
}
