import http from 'node:http';
import net from 'node:net';

/** What came back from a raw request: status, headers and the body as text, plus its JSON when it is JSON. */
export interface RawResponse {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly text: string;
  /** The parsed body, or undefined when it is not JSON. */
  readonly json: unknown;
}

export interface RawRequest {
  readonly method?: string;
  /** Path and query, e.g. `/graphql?query=…` (default: the URL's own). */
  readonly path?: string;
  readonly headers?: Record<string, string>;
  /** Sent as it is: a hostile body need not be JSON, UTF-8 or match its content-encoding. */
  readonly body?: string | Buffer;
  /** Give up after this long (default 20 s): a request left hanging fails the test instead of the run. */
  readonly timeoutMs?: number;
}

/**
 * Sends one request exactly as given over node:http (fetch would normalise headers and refuse some bodies), on a
 * connection of its own, and reads the whole answer.
 */
export function rawRequest(url: string, request: RawRequest = {}): Promise<RawResponse> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: target.hostname,
        port: target.port,
        method: request.method ?? (request.body === undefined ? 'GET' : 'POST'),
        path: request.path ?? `${target.pathname}${target.search}`,
        headers: request.headers ?? {},
        agent: false,
        timeout: request.timeoutMs ?? 20_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${request.timeoutMs ?? 20_000} ms`)));
    req.on('error', reject);
    req.end(request.body);
  });
}

/** POSTs a GraphQL request body (an object, or raw text) to `url` as JSON, asking for `application/graphql-response+json`. */
export function postGraphql(url: string, body: unknown, headers: Record<string, string> = {}): Promise<RawResponse> {
  return rawRequest(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
    body: typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body),
  });
}

/** One GraphQL error as a response carries it. */
export interface TypedError {
  readonly message: string;
  readonly path?: readonly (string | number)[];
  readonly extensions: { readonly code: string; readonly [key: string]: unknown };
}

export interface ExpectedError {
  /** The HTTP status, or the statuses allowed (default: any below 500). */
  readonly status?: number | readonly number[];
  /** The code of the first error. */
  readonly code?: string;
  /** Its `extensions.argument`. */
  readonly argument?: string;
  /** What its message must say. */
  readonly message?: RegExp;
}

/**
 * The check every hostile request must pass: an answer below 500, a JSON body (never an HTML page) in the
 * GraphQL-over-HTTP shape `{ errors: [...] }`, every error with a string `extensions.code` that is not
 * INTERNAL_SERVER_ERROR; then whatever `expected` adds about the first error. Answers that error.
 */
export function expectTypedError(res: RawResponse, expected: ExpectedError = {}): TypedError {
  const summary = `${res.status} ${String(res.headers['content-type'])}: ${res.text.slice(0, 300)}`;
  expect({ summary, below500: res.status < 500 }).toEqual({ summary, below500: true });
  expect({ summary, json: /^application\/(graphql-response\+)?json\b/.test(String(res.headers['content-type'])) }).toEqual({ summary, json: true });
  expect(res.text).not.toMatch(/<html|<!DOCTYPE/i);
  const body = res.json as { errors?: unknown } | undefined;
  expect({ summary, hasErrors: Array.isArray(body?.errors) && body.errors.length > 0 }).toEqual({ summary, hasErrors: true });
  const errors = body?.errors as TypedError[];
  const codes = errors.map((e) => e?.extensions?.code);
  expect(codes.every((c) => typeof c === 'string' && c !== 'INTERNAL_SERVER_ERROR')).toBe(true);
  const [first] = errors as [TypedError];
  if (expected.status !== undefined) {
    const allowed = typeof expected.status === 'number' ? [expected.status] : expected.status;
    expect({ summary, status: allowed.includes(res.status) }).toEqual({ summary, status: true });
  }
  if (expected.code !== undefined) expect(first.extensions.code).toBe(expected.code);
  if (expected.argument !== undefined) expect(first.extensions['argument']).toBe(expected.argument);
  if (expected.message !== undefined) expect(first.message).toMatch(expected.message);
  return first;
}

/** A well-formed answer with data and no errors (for the requests that must still work next to the hostile ones). */
export function expectData<T>(res: RawResponse): T {
  const body = res.json as { data?: T; errors?: unknown } | undefined;
  expect({ status: res.status, errors: body?.errors }).toEqual({ status: 200, errors: undefined });
  return body?.data as T;
}

/** What a raw TCP exchange saw: every byte the server sent, and when it closed the connection. */
export interface RawExchange {
  /** The bytes received, as text. */
  readonly received: string;
  /** Milliseconds from the first byte sent until the server closed the connection. */
  readonly closedAfterMs: number;
  /** The response the bytes hold, parsed (undefined when the server sent none). */
  readonly response: RawResponse | undefined;
}

/**
 * Opens a TCP connection to `url`'s host and port, writes `bytes` (a request the test builds by hand: headers cut
 * short, a body shorter than its Content-Length…) and then nothing, and waits until the server closes the connection
 * (at most `waitMs`, default 20 s; the promise rejects after that).
 */
export function rawExchange(url: string, bytes: string, waitMs = 20_000): Promise<RawExchange> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(target.port), target.hostname);
    const chunks: Buffer[] = [];
    let started = 0;
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`the server kept the connection open for more than ${waitMs} ms`));
    }, waitMs);
    socket.on('connect', () => {
      started = performance.now();
      socket.write(bytes);
    });
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', () => undefined); // a reset is a close like any other here
    socket.on('close', () => {
      clearTimeout(timer);
      const received = Buffer.concat(chunks).toString('utf8');
      resolve({ received, closedAfterMs: Math.round(performance.now() - started), response: parseHttpResponse(received) });
    });
  });
}

/** Parses one HTTP/1.1 response from raw text (status line, headers, body up to Content-Length or the end). */
export function parseHttpResponse(raw: string): RawResponse | undefined {
  const split = raw.indexOf('\r\n\r\n');
  if (split < 0) return undefined;
  const [statusLine, ...headerLines] = raw.slice(0, split).split('\r\n');
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine ?? '')?.[1]);
  if (!Number.isInteger(status)) return undefined;
  const headers: http.IncomingHttpHeaders = {};
  for (const line of headerLines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const length = Number(headers['content-length']);
  const rest = raw.slice(split + 4);
  const text = Number.isInteger(length) ? Buffer.from(rest).subarray(0, length).toString('utf8') : rest;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status, headers, text, json };
}
