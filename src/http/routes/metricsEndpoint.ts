import type express from 'express';
import type { GatewayMetrics } from '../../core/metrics';

/** GET /metrics: the registry in Prometheus text format (prom-client), default process metrics included. */
export function metricsEndpoint(metrics: GatewayMetrics): express.RequestHandler {
  metrics.enableDefaultMetrics();
  return (_req, res, next) => {
    metrics.registry.metrics().then((text) => {
      res.type(metrics.registry.contentType).send(text);
    }, next);
  };
}
