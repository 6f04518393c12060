import express from 'express';
import { ErrorCode } from '../../core/errors';
import { MAX_JSON_DEPTH, nestsDeeperThan } from './jsonDepth';
import { preReadFailureOf } from './preReadBody';
import { sendRequestError } from './sendRequestError';

/** What body-parser attaches to the errors it passes on (its `type` names the failure; zlib's own errors have none). */
interface BodyParserError {
  readonly type?: unknown;
  readonly status?: unknown;
  readonly code?: unknown;
  readonly encoding?: unknown;
}

/** Readable words for body-parser's failure types (body-parser 2, read.js and raw-body). */
const FAILURES: Readonly<Record<string, string>> = {
  'entity.parse.failed': 'Request body is not valid JSON.',
  'encoding.unsupported': 'Request body has a Content-Encoding this gateway does not decode (send identity, gzip, deflate or br).',
  'charset.unsupported': 'Request body has a charset this gateway does not read (send UTF-8).',
  'request.aborted': 'Request body ended before it was complete (the client aborted).',
  'request.size.invalid': 'Request body is not as long as its Content-Length says.',
};

/**
 * The JSON body parser for the GraphQL endpoint and what goes with it, to mount in this order:
 * - the parser, refusing bodies over `limitBytes` (after decompression);
 * - a depth check: a body, or GET `variables`/`extensions`, nesting arrays and objects deeper than MAX_JSON_DEPTH
 *   is JSON_TOO_DEEP (400, with `limit`), before anything walks it;
 * - the parser's error handler: every failure of the parser is a GraphQL error in JSON, never express's HTML page —
 *   a body over the limit is PAYLOAD_TOO_LARGE (413, with `limit` in bytes); malformed JSON, a body that does not
 *   decode as its Content-Encoding says (garbage sent as gzip or br), an unknown encoding or charset, or a body cut
 *   short is BAD_REQUEST with body-parser's status (400, 415). Other errors (none of the client's doing) pass on.
 */
export function jsonBody(limitBytes: number): (express.RequestHandler | express.ErrorRequestHandler)[] {
  const parser = express.json({ limit: limitBytes });
  // A body read ahead of Express (the response cache's front) is parsed already; its failure is answered as the parser's.
  const parse: express.RequestHandler = (req, res, next) => {
    const failure = preReadFailureOf(req);
    if (failure) next(failure);
    else parser(req, res, next);
  };
  const refuseDeepJson: express.RequestHandler = (req, res, next) => {
    if (!tooDeep(req)) {
      next();
      return;
    }
    sendRequestError(req, res, 400, {
      message: `Request JSON nests arrays and objects deeper than ${MAX_JSON_DEPTH} levels; no operation's variables need that many.`,
      extensions: { code: ErrorCode.JsonTooDeep, limit: MAX_JSON_DEPTH },
    });
  };
  const answerBodyErrors: express.ErrorRequestHandler = (err: BodyParserError, req, res, next) => {
    // The connection is gone (the client left, or was cut off as too slow and answered already): nothing to send.
    if (req.socket.destroyed) return;
    if (err.type === 'entity.too.large') {
      sendRequestError(req, res, 413, {
        message: `Request body is larger than the limit of ${limitBytes} bytes.`,
        extensions: { code: ErrorCode.PayloadTooLarge, limit: limitBytes },
      });
      return;
    }
    const status = typeof err.status === 'number' ? err.status : 500;
    if (status < 400 || status > 499) {
      next(err);
      return;
    }
    sendRequestError(req, res, status, { message: describe(err, req.get('content-encoding')), extensions: { code: 'BAD_REQUEST' } });
  };
  return [parse, refuseDeepJson, answerBodyErrors];
}

function describe(err: BodyParserError, contentEncoding: string | undefined): string {
  const known = typeof err.type === 'string' ? FAILURES[err.type] : undefined;
  if (known) return known;
  // A decompression stream's error (zlib: Z_DATA_ERROR, brotli's ERR__ERROR_FORMAT_…) reaches here as a 400 with no type.
  if (err.type === undefined && contentEncoding !== undefined) return `Request body is not valid ${contentEncoding.toLowerCase()} data, as its Content-Encoding says it is.`;
  return `Request body could not be read (${typeof err.type === 'string' ? err.type : 'unreadable body'}).`;
}

/** Whether the parsed body, or a GET request's JSON parameters, nest deeper than MAX_JSON_DEPTH. */
function tooDeep(req: express.Request): boolean {
  if (nestsDeeperThan(req.body, MAX_JSON_DEPTH)) return true;
  for (const name of ['variables', 'extensions']) {
    const param: unknown = (req.query as Record<string, unknown> | undefined)?.[name];
    if (typeof param !== 'string') continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(param);
    } catch {
      continue; // Apollo answers a parameter that is not JSON
    }
    if (nestsDeeperThan(parsed, MAX_JSON_DEPTH)) return true;
  }
  return false;
}
