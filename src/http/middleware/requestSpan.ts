import { context, isSpanContextValid, propagation, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { currentRequestScope } from '../../core/requestScope';
import { tracer } from '../../core/tracer';
import { type NodeHandler, pathOf } from './nodeHandler';
import { requestOutcome } from './requestOutcome';

/**
 * Tracing (a no-op unless on): a SERVER span per request continuing the caller's `traceparent`, parent of the
 * store calls; named `graphql <operation>` once the operation is known, ended when the request's scope finishes.
 * Runs after requestScope.
 */
export function requestSpan(options: { readonly graphqlPath: string }): NodeHandler {
  return (req, res, next) => {
    const scope = currentRequestScope();
    if (!scope) return next();
    // Read now: routers mounted on a path rewrite req.url (and so req.path) while they handle the request.
    const path = pathOf(req);
    const parent = propagation.extract(context.active(), req.headers);
    const span = tracer.startSpan(
      `${req.method ?? 'GET'} ${path}`,
      { kind: SpanKind.SERVER, attributes: { 'http.request.method': req.method ?? 'GET', 'url.path': path, 'gateway.request_id': scope.requestId } },
      parent,
    );
    // No tracer provider registered (tracing off): the span is a no-op, and neither its context nor its outcome matters.
    if (!span.isRecording() && !isSpanContextValid(span.spanContext())) return next();
    scope.onFinish(() => {
      const { outcome, operation } = requestOutcome(req, res, scope, path, options.graphqlPath);
      if (operation) span.updateName(`graphql ${operation}`);
      span.setAttributes({ 'http.response.status_code': res.statusCode, 'gateway.outcome': outcome, ...(operation ? { 'graphql.operation.name': operation } : {}) });
      if (outcome !== 'success') span.setStatus({ code: SpanStatusCode.ERROR, message: scope.errorCodes.length > 0 ? [...new Set(scope.errorCodes)].join(', ') : outcome });
      span.end();
    });
    context.with(trace.setSpan(parent, span), next);
  };
}
