import { randomUUID } from 'node:crypto';
import { context, propagation, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type express from 'express';
import { RequestTimeoutError } from '../core/errors';
import type { Logger } from '../core/logger';
import { gatewayMetrics, type GatewayMetrics } from '../core/metrics';
import { RequestScope, runInRequestScope } from '../core/requestScope';
import { tracer } from '../core/tracer';

/** The header a request id is read from and returned in. */
export const REQUEST_ID_HEADER = 'x-request-id';

/** Ids a caller may choose: what tracing systems and load balancers send (UUIDs, hex, base64url…). */
const VALID_REQUEST_ID = /^[A-Za-z0-9._:+/=-]{1,128}$/;

/** Paths polled by orchestrators and scrapers: logged at debug level only. */
const QUIET_PATHS = new Set(['/health', '/ready', '/metrics']);

export interface RequestLoggingOptions {
  readonly logger: Logger;
  /** Where GraphQL is served: requests under it are timed in gateway_http_request_duration_seconds. */
  readonly graphqlPath: string;
  /** The request's deadline (GRAPHQL_REQUEST_TIMEOUT_MS). */
  readonly requestTimeoutMs: number;
  /** A request taking longer is logged again, at warn level, as `slow operation` (SLOW_OPERATION_MS). */
  readonly slowOperationMs: number;
  readonly metrics?: GatewayMetrics;
}

/**
 * The first middleware of the app. It gives each request an id (a valid `x-request-id` from the caller,
 * else a new UUID), returned in the `x-request-id` response header, and a RequestScope that everything the
 * request calls can see (store-call counts, the deadline after which store calls fail with REQUEST_TIMEOUT).
 * When the response is sent it writes one JSON log line (request id, operation, outcome, status, duration,
 * store calls per store, error codes), a warn-level `slow operation` line above the threshold, and the
 * request's duration in gateway_http_request_duration_seconds{operation,outcome} for GraphQL requests.
 */
export function requestLogging(options: RequestLoggingOptions): express.RequestHandler {
  const metrics = options.metrics ?? gatewayMetrics;
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    // Read now: routers mounted on a path rewrite req.url (and so req.path) while they handle the request.
    const path = req.path;
    const requestId = requestIdOf(req.get(REQUEST_ID_HEADER));
    res.setHeader(REQUEST_ID_HEADER, requestId);
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(new RequestTimeoutError(options.requestTimeoutMs)), options.requestTimeoutMs);
    const scope = new RequestScope(requestId, deadline.signal);
    // Tracing (no-op unless on): a SERVER span continuing the caller's `traceparent`, parent of the store calls.
    const parent = propagation.extract(context.active(), req.headers);
    const span = tracer.startSpan(`${req.method} ${path}`, { kind: SpanKind.SERVER, attributes: { 'http.request.method': req.method, 'url.path': path, 'gateway.request_id': requestId } }, parent);
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      scope.finish();
      const durationSeconds = Number(process.hrtime.bigint() - started) / 1e9;
      const isGraphql = scope.graphql || (req.method === 'POST' && path.startsWith(options.graphqlPath));
      const outcome = !res.writableFinished ? 'aborted' : scope.errorCodes.length > 0 || res.statusCode >= 400 ? 'error' : 'success';
      const operation = scope.operation ?? (isGraphql ? 'unknown' : undefined);
      if (isGraphql) metrics.httpRequestDuration.observe({ operation: operation ?? 'unknown', outcome }, durationSeconds);
      const line = {
        requestId,
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
      if (operation) span.updateName(`graphql ${operation}`);
      span.setAttributes({ 'http.response.status_code': res.statusCode, 'gateway.outcome': outcome, ...(operation ? { 'graphql.operation.name': operation } : {}) });
      if (outcome !== 'success') span.setStatus({ code: SpanStatusCode.ERROR, message: line.errorCodes?.join(', ') ?? outcome });
      span.end();
    };
    res.once('finish', finish);
    res.once('close', finish);
    context.with(trace.setSpan(parent, span), () => runInRequestScope(scope, next));
  };
}

/** The caller's request id when it is a plausible one, else a fresh UUID (never echo arbitrary input into logs). */
export function requestIdOf(header: string | undefined): string {
  return header !== undefined && VALID_REQUEST_ID.test(header) ? header : randomUUID();
}
