import cors, { type CorsOptions } from 'cors';
import vary from 'vary';
import type { CorsSettings } from './corsOrigins';
import type { NodeHandler } from './nodeHandler';

/** Request headers a browser may send cross-origin: GraphQL over HTTP, Apollo's preflight and client headers, tracing. */
const ANONYMOUS_HEADERS = [
  'content-type',
  'accept',
  'apollo-require-preflight',
  'x-apollo-operation-name',
  'apollographql-client-name',
  'apollographql-client-version',
  'x-request-id',
  'traceparent',
  'tracestate',
];

/** Response headers a page may read besides the CORS-safelisted ones. */
const EXPOSED_HEADERS = ['x-request-id', 'etag', 'age'];

/** How long a browser may reuse a preflight's answer (seconds). */
const PREFLIGHT_MAX_AGE_SECONDS = 600;

/**
 * The CORS middleware of the GraphQL endpoint (the `cors` package, configured per request's Origin):
 * - a listed origin gets `Access-Control-Allow-Origin: <origin>` with credentials allowed and may send
 *   `Authorization` (editors' tokens), besides the GraphQL-over-HTTP, Apollo (`apollo-require-preflight`, APQ
 *   operation names, client names) and tracing headers;
 * - with `*`, any other origin gets `Access-Control-Allow-Origin: *` without credentials and without
 *   `Authorization` among the allowed headers, so a browser on it can only send anonymous queries;
 * - any other origin gets no CORS headers: its browser refuses to send the request (preflight answered 204 all the
 *   same, never an error page).
 * Preflights are answered here (204) and cached by browsers for 10 minutes; `Vary: Origin` keeps shared caches
 * from mixing origins' answers.
 */
export function corsPolicy(settings: CorsSettings): NodeHandler {
  const listed = new Set(settings.origins);
  const base: CorsOptions = {
    methods: ['GET', 'POST', 'OPTIONS'],
    exposedHeaders: EXPOSED_HEADERS,
    maxAge: PREFLIGHT_MAX_AGE_SECONDS,
    optionsSuccessStatus: 204,
  };
  const forListed = cors({ ...base, origin: true, credentials: true, allowedHeaders: [...ANONYMOUS_HEADERS, 'authorization'] });
  const forAnyone = cors({ ...base, origin: '*', credentials: false, allowedHeaders: ANONYMOUS_HEADERS });
  return (req, res, next) => {
    const origin = req.headers.origin;
    if (origin !== undefined && listed.has(origin)) forListed(req, res, next);
    else if (settings.anyOrigin) forAnyone(req, res, next);
    else refuse(req, res, next);
  };
}

/** No CORS headers (the browser then blocks the page); a preflight still gets an empty 204, not an error page. */
const refuse: NodeHandler = (req, res, next) => {
  vary(res, 'Origin');
  if (req.method === 'OPTIONS') {
    res.statusCode = 204;
    res.setHeader('content-length', '0');
    res.end();
  } else next();
};
