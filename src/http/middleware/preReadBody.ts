import type http from 'node:http';

/** What went wrong reading a body ahead of Express, in body-parser's words (its error `type` and status). */
export interface PreReadFailure {
  readonly type: 'entity.parse.failed';
  readonly status: 400;
}

interface PreRead {
  body?: unknown;
  [PRE_READ_FAILURE]?: PreReadFailure;
}

const PRE_READ_FAILURE = Symbol('preReadFailure');

/**
 * Hands Express a JSON body that was read before it (src/http/caching/ResponseCacheFront.ts reads small GraphQL
 * bodies to look them up): the parsed value becomes `req.body`, and body-parser, seeing the stream finished,
 * leaves it alone. A body that is not JSON is remembered as the failure body-parser would have reported, so the
 * client gets the same answer either way (src/http/middleware/jsonBody.ts).
 */
export function handOverBody(req: http.IncomingMessage, body: Buffer): void {
  const target = req as http.IncomingMessage & PreRead;
  const parsed = parseLikeBodyParser(body);
  target.body = parsed.ok ? parsed.value : undefined;
  if (!parsed.ok) target[PRE_READ_FAILURE] = { type: 'entity.parse.failed', status: 400 };
}

/**
 * body-parser's strict JSON (body-parser 2, types/json.js, read through iconv-lite as UTF-8): a leading byte-order
 * mark is dropped, an empty body is `{}`, and only an object or an array may be the top-level value.
 */
export function parseLikeBodyParser(body: Buffer): { readonly ok: true; readonly value: unknown } | { readonly ok: false } {
  let text = body.toString('utf8');
  if (text.startsWith('\uFEFF')) text = text.slice(1);
  if (text.length === 0) return { ok: true, value: {} };
  const first = /\S/.exec(text)?.[0];
  if (first !== '{' && first !== '[') return { ok: false };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

/** The failure of a body read before Express, if there was one. */
export function preReadFailureOf(req: http.IncomingMessage): PreReadFailure | undefined {
  return (req as http.IncomingMessage & PreRead)[PRE_READ_FAILURE];
}
