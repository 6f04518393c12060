import { randomUUID } from 'node:crypto';
import { RequestTimeoutError } from '../../core/errors';
import { RequestScope, runInRequestScope } from '../../core/requestScope';
import type { NodeHandler } from './nodeHandler';

/** The header a request id is read from and returned in. */
export const REQUEST_ID_HEADER = 'x-request-id';

/** Ids a caller may choose: what tracing systems and load balancers send (UUIDs, hex, base64url…). */
const VALID_REQUEST_ID = /^[A-Za-z0-9._:+/=-]{1,128}$/;

/**
 * The first middleware of the app: it gives each request an id (a valid `x-request-id` from the caller, else a
 * new UUID), returned in the `x-request-id` response header, a deadline (`requestTimeoutMs`, after which store
 * calls and execution fail with REQUEST_TIMEOUT), and a RequestScope that everything the request calls can see.
 * The scope finishes when the response has been sent or the connection closed; what runs then (the span, the log
 * line) registers with `scope.onFinish`.
 */
export function requestScope(options: { readonly requestTimeoutMs: number }): NodeHandler {
  return (req, res, next) => {
    const header = req.headers[REQUEST_ID_HEADER];
    const requestId = requestIdOf(typeof header === 'string' ? header : undefined);
    res.setHeader(REQUEST_ID_HEADER, requestId);
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(new RequestTimeoutError(options.requestTimeoutMs)), options.requestTimeoutMs);
    const scope = new RequestScope(requestId, deadline.signal);
    scope.onFinish(() => clearTimeout(timer));
    const finish = () => scope.finish();
    res.once('finish', finish);
    res.once('close', finish);
    runInRequestScope(scope, next);
  };
}

/** The caller's request id when it is a plausible one, else a fresh UUID (never echo arbitrary input into logs). */
export function requestIdOf(header: string | undefined): string {
  return header !== undefined && VALID_REQUEST_ID.test(header) ? header : randomUUID();
}
