import { isTransientNetworkError } from '../shared/isTransientNetworkError';
import { InfluxHttpError, InfluxUnreadableResponseError } from './InfluxV1Client';

/** HTTP statuses worth retrying: request timeout, too many requests, and gateway/availability errors. */
const TRANSIENT_STATUS = new Set([408, 429, 502, 503, 504]);

/** A 500 worth retrying: InfluxDB 1.x answers 500 for a timed-out or overloaded write/query. */
const TRANSIENT_500 = /timeout|timed out|cache maximum memory size exceeded|max-concurrent|queue is full|hinted handoff/i;

/**
 * What InfluxDB 1.x says while it shuts down or before its storage is open, in a 5xx body or as the error of a
 * 200 result: `tsdb.ErrEngineClosed`, `tsdb.ErrStoreClosed`, `tsdb.ErrShardDisabled`,
 * `query.ErrQueryEngineShutdown` and `query.ErrQueryInterrupted` (the executor interrupts running queries when
 * it closes). The same query succeeds once the server is back.
 */
const GOING_AWAY = /engine is closed|store is closed|shard is disabled|query engine shutdown|query interrupted/i;

/**
 * True when an InfluxDB call may succeed on retry, i.e. the failure says the server is unreachable, going away
 * or overloaded: the socket failed (refused, reset, timed out — fetch wraps them as `TypeError: fetch failed`
 * with the code in `cause`), the client's own request timeout fired, the answer broke off or was not InfluxDB's
 * JSON (InfluxUnreadableResponseError), the server answered 408/429/502/503/504, a 500 saying it timed out or is
 * overloaded, or a 5xx or a 200 result saying its engine, store or query engine is closed. A bad query (400),
 * a missing database, a rejected point or any other 500 fails the same way every time and is not retried.
 */
export function isTransientInfluxError(err: unknown): boolean {
  if (isTransientNetworkError(err)) return true;
  if (err instanceof InfluxUnreadableResponseError) return true;
  if (err instanceof InfluxHttpError) {
    if (TRANSIENT_STATUS.has(err.status)) return true;
    if ((err.status === 200 || err.status >= 500) && GOING_AWAY.test(err.message)) return true;
    return err.status === 500 && TRANSIENT_500.test(err.message);
  }
  if (!err || typeof err !== 'object') return false;
  // Duck-typed: fetch's errors come from Node's own realm (DOMException, TypeError), not always this one's.
  const { name, message } = err as { name?: unknown; message?: unknown };
  if (name === 'TimeoutError') return true;
  return name === 'TypeError' && message === 'fetch failed';
}
