import type express from 'express';
import { ErrorCode } from '../../core/errors';
import type { Logger } from '../../core/logger';
import { REQUEST_ID_HEADER } from './requestScope';
import { sendRequestError } from './sendRequestError';

/**
 * The last route of the app: a path nothing serves answers 404 with a GraphQL-over-HTTP error body in JSON
 * (NOT_FOUND, naming the method and path and where GraphQL is), instead of express's HTML "Cannot GET" page.
 */
export function notFoundAsJson(graphqlPath: string): express.RequestHandler {
  return (req, res) => {
    sendRequestError(req, res, 404, {
      message: `Nothing is served at ${req.method} ${req.path.slice(0, 200)}; GraphQL is at ${graphqlPath}.`,
      extensions: { code: ErrorCode.NotFound },
    });
  };
}

/** What an error passed to express may carry (http-errors, body-parser). */
interface HttpLikeError {
  readonly status?: unknown;
  readonly statusCode?: unknown;
  readonly expose?: unknown;
  readonly message?: unknown;
}

/**
 * The app's final error handler, so that no route can ever answer express's HTML error page (with a stack outside
 * production): an error with a 4xx status is the client's (BAD_REQUEST with that status, its message only when
 * http-errors marks it safe to show); anything else is INTERNAL_SERVER_ERROR, 500, with the cause logged at error
 * level with the request id. A response already under way cannot change: its connection is closed (express's
 * own behaviour, without a page).
 */
export function errorsAsJson(logger: Logger): express.ErrorRequestHandler {
  return (err: unknown, req, res, next) => {
    if (res.headersSent) {
      next(err);
      return;
    }
    const e = (err ?? {}) as HttpLikeError;
    const status = [e.status, e.statusCode].find((s): s is number => typeof s === 'number');
    if (status !== undefined && status >= 400 && status <= 499) {
      const message = e.expose === true && typeof e.message === 'string' ? e.message.slice(0, 300) : 'The request could not be handled.';
      sendRequestError(req, res, status, { message, extensions: { code: 'BAD_REQUEST' } });
      return;
    }
    const requestId = res.getHeader(REQUEST_ID_HEADER);
    logger.error({ requestId, method: req.method, path: req.path, err }, 'internal server error');
    sendRequestError(req, res, 500, { message: 'Internal server error', extensions: { code: ErrorCode.InternalServerError } });
  };
}
