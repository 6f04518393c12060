import type http from 'node:http';
import type net from 'node:net';
import { ErrorCode } from '../../core/errors';

/** The HTTP server's bounds on slow clients (HTTP_HEADERS_TIMEOUT_MS, HTTP_REQUEST_TIMEOUT_MS). */
export interface ClientTimeouts {
  readonly headersTimeoutMs: number;
  readonly requestTimeoutMs: number;
}

/** Status, code and message of each way a client can break HTTP before its request reaches the app. */
function answerOf(err: NodeJS.ErrnoException, timeouts: ClientTimeouts, headersReceived: boolean): { status: number; reason: string; code: string; message: string; extensions?: Record<string, unknown> } {
  switch (err.code) {
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return headersReceived
        ? {
            status: 408,
            reason: 'Request Timeout',
            code: ErrorCode.RequestTimeout,
            message: `The request was not received whole within ${timeouts.requestTimeoutMs} ms (HTTP_REQUEST_TIMEOUT_MS): its body came too slowly.`,
            extensions: { timeoutMs: timeouts.requestTimeoutMs },
          }
        : {
            status: 408,
            reason: 'Request Timeout',
            code: ErrorCode.RequestTimeout,
            message: `The request's headers were not received within ${timeouts.headersTimeoutMs} ms (HTTP_HEADERS_TIMEOUT_MS).`,
            extensions: { timeoutMs: timeouts.headersTimeoutMs },
          };
    case 'HPE_HEADER_OVERFLOW':
      return { status: 431, reason: 'Request Header Fields Too Large', code: 'BAD_REQUEST', message: 'The request headers are too large.' };
    default:
      return { status: 400, reason: 'Bad Request', code: 'BAD_REQUEST', message: 'The request is not valid HTTP.' };
  }
}

/**
 * Answers what Node's HTTP parser refuses before the app sees a request — headers or a whole request that arrive
 * too slowly (408), headers too large (431), bytes that are not HTTP (400) — with a GraphQL-over-HTTP error body in
 * JSON (`REQUEST_TIMEOUT` with `timeoutMs`, or `BAD_REQUEST`) instead of Node's empty response, and closes the
 * connection once it is written. As Node does itself, it answers only while no byte of a response has gone out;
 * a connection the client reset is just closed.
 */
export function answerClientErrors(server: http.Server, timeouts: ClientTimeouts): void {
  server.on('clientError', (err: NodeJS.ErrnoException, socket: net.Socket) => {
    // Node's own check (socketOnError in lib/_http_server.js): the response in progress on this socket, if any.
    const inFlight = (socket as net.Socket & { _httpMessage?: http.ServerResponse })._httpMessage;
    if (err.code === 'ECONNRESET' || !socket.writable || inFlight?.headersSent) {
      socket.destroy();
      return;
    }
    const answer = answerOf(err, timeouts, inFlight !== undefined);
    // The app may still hold this request (its body was being read): its log line then says what the client got.
    if (inFlight) inFlight.statusCode = answer.status;
    const body = JSON.stringify({ errors: [{ message: answer.message, extensions: { code: answer.code, ...answer.extensions } }] });
    const head = [
      `HTTP/1.1 ${answer.status} ${answer.reason}`,
      'Content-Type: application/json; charset=utf-8',
      `Content-Length: ${Buffer.byteLength(body)}`,
      'Connection: close',
    ];
    socket.end(`${head.join('\r\n')}\r\n\r\n${body}`, () => socket.destroy());
  });
}
