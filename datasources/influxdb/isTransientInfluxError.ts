import { isTransientNetworkError } from '../shared/isTransientNetworkError';
import { InfluxHttpError } from './InfluxV1Client';

/** HTTP statuses worth retrying: request timeout, too many requests, and gateway/availability errors. */
const TRANSIENT_STATUS = new Set([408, 429, 502, 503, 504]);

/** A 500 worth retrying: InfluxDB 1.x answers 500 for a timed-out or overloaded write/query. */
const TRANSIENT_500 = /timeout|timed out|cache maximum memory size exceeded|max-concurrent|queue is full|hinted handoff/i;

/**
 * True when an InfluxDB call may succeed on retry: the socket failed (refused, reset, timed out — fetch wraps
 * them as `TypeError: fetch failed` with the code in `cause`), the client's own request timeout fired, or the
 * server answered 408/429/502/503/504 or a 500 saying it timed out or is overloaded. A bad query, a missing
 * database or a rejected point fails the same way every time.
 */
export function isTransientInfluxError(err: unknown): boolean {
  if (isTransientNetworkError(err)) return true;
  if (err instanceof InfluxHttpError) return TRANSIENT_STATUS.has(err.status) || (err.status === 500 && TRANSIENT_500.test(err.message));
  if (!err || typeof err !== 'object') return false;
  // Duck-typed: fetch's errors come from Node's own realm (DOMException, TypeError), not always this one's.
  const { name, message } = err as { name?: unknown; message?: unknown };
  if (name === 'TimeoutError') return true;
  return name === 'TypeError' && message === 'fetch failed';
}
