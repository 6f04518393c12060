/**
 * The gateway's configuration variables (README, "Configuration"), by name or store prefix. The benchmark passes
 * none of them on from its own environment (CI exports every store's URL, a shell may hold a tuning knob), so each
 * process it starts gets exactly the variables its profile names and the gateway's defaults for the rest.
 */
const GATEWAY_VARIABLE =
  /^(PORT|HOST|NODE_ENV|LOG_LEVEL|DATABASE_URL|DATA_DIR|SEED|REDIS_URL|CORS_ORIGINS|SLOW_OPERATION_MS|SYNC_WAIT_MS|CACHE_MAX_BYTES|APQ_CACHE_MAX_BYTES|SHUTDOWN_TIMEOUT_MS|RESPONSE_CACHE|(HTTP|NEO4J|INFLUX|ELASTICSEARCH|GRAPHQL|STORE|READY|AUTH|OUTBOX|RESPONSE_CACHE|OTEL)_[A-Z0-9_]+)$/;

/** This process's environment without any gateway variable, plus `extra`. */
export function cleanEnvironment(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) if (!GATEWAY_VARIABLE.test(name)) env[name] = value;
  return { ...env, ...extra };
}
