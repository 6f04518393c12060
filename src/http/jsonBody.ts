import express from 'express';
import { ErrorCode } from '../errors';
import { sendRequestError } from './sendRequestError';

/** What body-parser attaches to the errors it passes on (its `type` names the failure). */
interface BodyParserError {
  readonly type?: unknown;
  readonly status?: unknown;
  readonly limit?: unknown;
  readonly length?: unknown;
}

/**
 * The JSON body parser for the GraphQL endpoint, refusing bodies over `limitBytes`, and the error handler
 * that goes with it: a body over the limit is PAYLOAD_TOO_LARGE (413, with `limit` in bytes), malformed
 * JSON or an unsupported encoding or charset is BAD_REQUEST with body-parser's status (400, 415), each a
 * GraphQL error in JSON rather than express's HTML error page. Other errors pass on.
 */
export function jsonBody(limitBytes: number): [express.RequestHandler, express.ErrorRequestHandler] {
  const parse = express.json({ limit: limitBytes });
  const answerBodyErrors: express.ErrorRequestHandler = (err: BodyParserError, req, res, next) => {
    if (err.type === 'entity.too.large') {
      sendRequestError(req, res, 413, {
        message: `Request body is larger than the limit of ${limitBytes} bytes.`,
        extensions: { code: ErrorCode.PayloadTooLarge, limit: limitBytes },
      });
      return;
    }
    const status = typeof err.status === 'number' ? err.status : 500;
    if (typeof err.type !== 'string' || status < 400 || status > 499) {
      next(err);
      return;
    }
    const message = err.type === 'entity.parse.failed' ? 'Request body is not valid JSON.' : `Request body could not be read (${err.type}).`;
    sendRequestError(req, res, status, { message, extensions: { code: 'BAD_REQUEST' } });
  };
  return [parse, answerBodyErrors];
}
