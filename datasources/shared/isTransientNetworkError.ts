/**
 * Error codes of a connection that could not be made or was lost: Node's socket errors (refused, reset, aborted,
 * timed out, no route, name lookup failing) and undici's (socket closed by the other side, connect, header and
 * body timeouts). A client that closed its own connection (UND_ERR_CLOSED, UND_ERR_DESTROYED) is not listed: that
 * is the gateway shutting a client down, not the store going away.
 */
const TRANSIENT_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ENETUNREACH',
  'ENETDOWN',
  'ENETRESET',
  'EAI_AGAIN',
  'ENOTFOUND',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

/** How far `cause` chains and AggregateError lists are followed (libraries wrap a socket error two or three deep). */
const MAX_DEPTH = 4;

/**
 * True for socket-level failures (refused, reset, timed out) that a retry or a later call may not meet. The code
 * may sit on the error itself or on an error it wraps: its `cause` chain (fetch's `TypeError: fetch failed`,
 * undici's `TypeError: terminated` for a body cut off), or the `errors` of an AggregateError (Node's
 * happy-eyeballs connect to every address of a host name).
 */
export function isTransientNetworkError(err: unknown): boolean {
  return carriesTransientCode(err, 0);
}

function carriesTransientCode(err: unknown, depth: number): boolean {
  if (!err || typeof err !== 'object' || depth > MAX_DEPTH) return false;
  const { code, cause, errors } = err as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof code === 'string' && TRANSIENT_CODES.has(code)) return true;
  if (Array.isArray(errors) && errors.some((e) => carriesTransientCode(e, depth + 1))) return true;
  return carriesTransientCode(cause, depth + 1);
}
