import { trace, type Tracer } from '@opentelemetry/api';

/** The instrumentation name of every span of the gateway. */
export const TRACER_NAME = 'openalex-gateway';

/** The gateway's tracer: a no-op until src/observability/tracing.ts registers a provider. */
export const tracer: Tracer = trace.getTracer(TRACER_NAME);
