import { createHash } from 'node:crypto';
import type http from 'node:http';
import { pathOf } from '../middleware/nodeHandler';

/** Bodies larger than this are never read ahead of Express (and so never answered from the cache's front). */
export const FRONT_MAX_BODY_BYTES = 64 * 1024;

/** How the front may look a request up: a POST whose body it reads (`bodyBytes` long), or a GET (nothing to read). */
export type CacheableRequest = { readonly method: 'POST'; readonly bodyBytes: number } | { readonly method: 'GET' };

/** Content types a browser sends without a preflight: Apollo's CSRF prevention refuses them without a preflight header. */
const SIMPLE_CONTENT_TYPES = new Set(['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain']);

/**
 * Whether the response cache may answer this request, and how: anonymous (no `Authorization` header, valid or not:
 * a private answer is never shared) requests for the GraphQL path — a GET carrying its operation, or a POST of a small JSON body in UTF-8
 * with a Content-Length and no Content-Encoding (any other body is left to Express's parser and its errors).
 */
export function cacheableRequestOf(req: http.IncomingMessage, graphqlPath: string, bodyLimitBytes: number): CacheableRequest | undefined {
  if (req.headers.authorization !== undefined || pathOf(req) !== graphqlPath) return undefined;
  // A GET is GraphQL when it carries the operation (`query`, or an APQ hash in `extensions`); the explorer's page is not.
  if (req.method === 'GET') return /[?&](query|extensions)=/.test(req.url ?? '') ? { method: 'GET' } : undefined;
  if (req.method !== 'POST') return undefined;
  const { headers } = req;
  if (headers['transfer-encoding'] !== undefined) return undefined;
  if (headers['content-encoding'] !== undefined && headers['content-encoding'].toLowerCase() !== 'identity') return undefined;
  if (!isUtf8Json(headers['content-type'])) return undefined;
  const length = Number(headers['content-length']);
  if (!Number.isSafeInteger(length) || length < 0 || length > Math.min(bodyLimitBytes, FRONT_MAX_BODY_BYTES)) return undefined;
  return { method: 'POST', bodyBytes: length };
}

function isUtf8Json(contentType: string | undefined): boolean {
  if (contentType === undefined) return false;
  const [type, ...params] = contentType.split(';').map((part) => part.trim().toLowerCase());
  if (type !== 'application/json') return false;
  return params.every((param) => param === 'charset=utf-8' || param === 'charset="utf-8"');
}

/**
 * Whether Apollo's CSRF prevention lets this request through: a Content-Type that is not a simple one, or a
 * non-empty `x-apollo-operation-name` or `apollo-require-preflight` header (Apollo Server's preventCsrf).
 */
export function passesCsrfPrevention(headers: http.IncomingHttpHeaders): boolean {
  const contentType = headers['content-type']?.split(';')[0]?.trim().toLowerCase();
  if (contentType !== undefined && contentType !== '' && !SIMPLE_CONTENT_TYPES.has(contentType)) return true;
  return ['x-apollo-operation-name', 'apollo-require-preflight'].some((name) => {
    const value = headers[name];
    return typeof value === 'string' && value !== '';
  });
}

/**
 * The cache key of a request: a SHA-256 over everything its answer depends on — method, URL (a GET's query), the
 * Accept header (the media type and status codes Apollo picks), whether CSRF prevention passes, and the body's exact
 * bytes. The same bytes in give the same answer while the generation holds; any other spelling is simply another key.
 */
export function responseCacheKey(req: http.IncomingMessage, body: Buffer | undefined): string {
  const hash = createHash('sha256');
  hash.update(`${req.method ?? ''}\n${req.url ?? ''}\n${req.headers.accept ?? ''}\n${passesCsrfPrevention(req.headers) ? 1 : 0}\n`);
  if (body) hash.update(body);
  return hash.digest('base64url');
}
