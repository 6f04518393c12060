import { errors } from '@elastic/elasticsearch';
import { isTransientNetworkError } from '../shared/isTransientNetworkError';

/** HTTP statuses worth retrying: too many requests (a full queue) and gateway/availability errors. */
const TRANSIENT_STATUS = new Set([429, 502, 503, 504]);

const TRANSIENT_CLIENT_ERRORS = new Set(['ConnectionError', 'TimeoutError', 'NoLivingConnectionsError']);

/**
 * True when an Elasticsearch call may succeed on retry: the client could not reach a node (ConnectionError,
 * TimeoutError, NoLivingConnectionsError, socket errors) or the node answered 429/502/503/504. Anything
 * else (a bad query, a mapping conflict, a missing index) fails the same way every time.
 */
export function isTransientElasticError(err: unknown): boolean {
  if (isTransientNetworkError(err)) return true;
  if (err instanceof errors.ConnectionError || err instanceof errors.TimeoutError || err instanceof errors.NoLivingConnectionsError) return true;
  if (err instanceof errors.ResponseError) return TRANSIENT_STATUS.has(err.statusCode ?? 0);
  if (!(err instanceof Error)) return false;
  if (TRANSIENT_CLIENT_ERRORS.has(err.name)) return true;
  // Errors that only carry the status (a bulk item failure, see ElasticBulkError).
  const status = (err as { statusCode?: unknown }).statusCode;
  return typeof status === 'number' && TRANSIENT_STATUS.has(status);
}
