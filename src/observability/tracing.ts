import { context, propagation, trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import type { Logger } from '../core/logger';
import { errorMessage } from '../core/errorMessage';

export interface TracingConfig {
  /** OTLP/HTTP endpoint (`http://collector:4318`); traces go to `<endpoint>/v1/traces`. Unset: tracing off. */
  readonly endpoint: string | undefined;
  readonly serviceName: string;
}

/** Registered tracing, and how to flush and unregister it. */
export interface Tracing {
  shutdown(): Promise<void>;
}

/**
 * Optional OpenTelemetry tracing (off unless OTEL_EXPORTER_OTLP_ENDPOINT is set): registers a Node tracer
 * provider that exports spans over OTLP/HTTP in batches, with the AsyncLocalStorage context manager and the
 * W3C `traceparent` propagator. The code only ever uses `@opentelemetry/api`, which is a no-op without it: one
 * SERVER span per HTTP request (src/http/middleware/requestSpan.ts, continuing the caller's trace) and one CLIENT span
 * per store call (StorePolicy), so a trace shows which stores a GraphQL operation waited on.
 */
export function startTracing(config: TracingConfig, logger: Logger): Tracing | undefined {
  if (!config.endpoint) return undefined;
  const exporter = new OTLPTraceExporter({ url: `${config.endpoint.replace(/\/+$/, '')}/v1/traces` });
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': config.serviceName }),
    spanProcessors: [new BatchSpanProcessor(exporter)],
  });
  provider.register();
  logger.info({ endpoint: config.endpoint }, 'OpenTelemetry tracing on');
  return {
    shutdown: async () => {
      await provider.shutdown().catch((err: unknown) => logger.warn({ err: errorMessage(err) }, 'flushing traces failed'));
      trace.disable();
      context.disable();
      propagation.disable();
    },
  };
}
