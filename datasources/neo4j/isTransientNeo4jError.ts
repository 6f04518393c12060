import { isTransientNetworkError } from '../shared/isTransientNetworkError';

/** Driver codes for a lost or unreachable server (`neo4j.error.SERVICE_UNAVAILABLE`, `SESSION_EXPIRED`). */
const UNAVAILABLE_CODES = new Set(['ServiceUnavailable', 'SessionExpired']);

/**
 * True when a Neo4j failure may succeed on retry: the server is unreachable or went away (ServiceUnavailable,
 * SessionExpired), the server said so (`Neo.TransientError.*`: deadlocks, memory pressure, leader switches),
 * or the socket failed (refused, reset, timed out). Syntax errors, constraint violations and bad parameters
 * fail the same way every time.
 */
export function isTransientNeo4jError(err: unknown): boolean {
  if (isTransientNetworkError(err)) return true;
  for (let e: unknown = err, depth = 0; e && typeof e === 'object' && depth < 4; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && (UNAVAILABLE_CODES.has(code) || code.startsWith('Neo.TransientError.'))) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return err instanceof Error && /Failed to connect to server|Connection was closed by server|connection acquisition timed out/i.test(err.message);
}
