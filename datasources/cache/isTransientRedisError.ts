import { isTransientNetworkError } from '../shared/isTransientNetworkError';

/**
 * What ioredis (with the cache's fail-fast options) says when Redis is not there: a command sent while
 * disconnected ("Stream isn't writeable and enableOfflineQueue options is false"), on a connection that closed
 * ("Connection is closed."), or in flight when the connection dropped (MaxRetriesPerRequestError, "Reached the
 * max retries per request limit (which is 0)").
 */
const CLIENT_UNAVAILABLE = /Stream isn't writeable|enableOfflineQueue|Connection is closed|Reached the max retries per request limit/i;

/**
 * Replies with which a Redis server says it cannot serve yet: LOADING (the dataset is still being loaded after a
 * restart), MASTERDOWN (a replica that lost its master), TRYAGAIN.
 */
const SERVER_UNAVAILABLE = /^(LOADING|MASTERDOWN|TRYAGAIN)\b/;

/**
 * True when a Redis command failed because Redis is unreachable, gone or not ready, so the cache's breaker should
 * count it. Whatever this answers, RedisCache turns every failure into a miss; a reply error such as WRONGTYPE
 * (a key of another type) is a bug, reported at warn level, and does not open the breaker.
 */
export function isTransientRedisError(err: unknown): boolean {
  if (isTransientNetworkError(err)) return true;
  if (!(err instanceof Error)) return false;
  if (err.name === 'MaxRetriesPerRequestError') return true;
  return CLIENT_UNAVAILABLE.test(err.message) || (err.name === 'ReplyError' && SERVER_UNAVAILABLE.test(err.message));
}
