import { errors } from '@elastic/elasticsearch';
import { isTransientNetworkError } from '../shared/isTransientNetworkError';
import { ElasticBulkError } from './ElasticProjection';
import { ElasticEmptyAnswerError } from './refusingEmptyAnswers';

/** HTTP statuses worth retrying: too many requests (a full queue) and gateway/availability errors. */
const TRANSIENT_STATUS = new Set([429, 502, 503, 504]);

const TRANSIENT_CLIENT_ERRORS = new Set(['ConnectionError', 'TimeoutError', 'NoLivingConnectionsError', 'DeserializationError', 'ElasticEmptyAnswerError']);

/**
 * Error types (`error.type`, a `root_cause`, a `caused_by` or a failed shard's reason) with which a node answers
 * 5xx while it, or a shard it holds, is closing, closed or not yet started: Lucene's AlreadyClosedException
 * ("engine is closed"), NodeClosedException, IndexShardClosedException, IllegalIndexShardStateException (a
 * shard CLOSED or RECOVERING), no shard copy available, a primary missing, a node not connected. The same
 * request succeeds once the shard is open again. An index the user closed is `index_closed_exception` (400):
 * not listed.
 */
const UNAVAILABLE_TYPES = new Set([
  'already_closed_exception',
  'node_closed_exception',
  'index_shard_closed_exception',
  'illegal_index_shard_state_exception',
  'no_shard_available_action_exception',
  'unavailable_shards_exception',
  'primary_missing_action_exception',
  'node_not_connected_exception',
  'node_disconnected_exception',
  'connect_transport_exception',
]);

/** How deep `caused_by` chains are followed. */
const MAX_CAUSE_DEPTH = 5;

/**
 * True when an Elasticsearch call may succeed on retry: the client could not reach a node or the answer broke off
 * (ConnectionError, TimeoutError, NoLivingConnectionsError, socket errors), a successful answer was undecodable
 * (DeserializationError: not JSON, truncated) or empty (ElasticEmptyAnswerError), the node answered
 * 429/502/503/504, or a 5xx whose error says a node or shard is closed or unavailable. Anything else (a bad query
 * or mapping: 400, a missing index: 404, a conflict: 409, a server that is not Elasticsearch, an unexplained
 * 500) fails the same way every time.
 */
export function isTransientElasticError(err: unknown): boolean {
  if (isTransientNetworkError(err)) return true;
  if (
    err instanceof errors.ConnectionError ||
    err instanceof errors.TimeoutError ||
    err instanceof errors.NoLivingConnectionsError ||
    err instanceof errors.DeserializationError ||
    err instanceof ElasticEmptyAnswerError
  ) {
    return true;
  }
  if (err instanceof errors.ResponseError) return isTransientStatus(err.statusCode ?? 0, () => errorTypes(err.meta?.body));
  if (err instanceof ElasticBulkError) return isTransientStatus(err.statusCode, () => (err.errorType === undefined ? [] : [err.errorType]));
  if (!(err instanceof Error)) return false;
  if (TRANSIENT_CLIENT_ERRORS.has(err.name)) return true;
  // Errors that only carry the status.
  const status = (err as { statusCode?: unknown }).statusCode;
  return typeof status === 'number' && TRANSIENT_STATUS.has(status);
}

function isTransientStatus(status: number, types: () => readonly string[]): boolean {
  if (TRANSIENT_STATUS.has(status)) return true;
  return status >= 500 && types().some((type) => UNAVAILABLE_TYPES.has(type));
}

interface ErrorCause {
  type?: unknown;
  root_cause?: unknown;
  caused_by?: unknown;
  failed_shards?: unknown;
}

/** Every error type an Elasticsearch error body names: the error's, its root causes', causes' and failed shards'. */
function errorTypes(body: unknown): string[] {
  const error = (body as { error?: unknown } | null | undefined)?.error;
  const types: string[] = [];
  const visit = (cause: unknown, depth: number) => {
    if (!cause || typeof cause !== 'object' || depth > MAX_CAUSE_DEPTH) return;
    const c = cause as ErrorCause;
    if (typeof c.type === 'string') types.push(c.type);
    if (Array.isArray(c.root_cause)) for (const root of c.root_cause) visit(root, depth + 1);
    if (Array.isArray(c.failed_shards)) for (const shard of c.failed_shards) visit((shard as { reason?: unknown } | null)?.reason, depth + 1);
    visit(c.caused_by, depth + 1);
  };
  visit(error, 0);
  return types;
}
