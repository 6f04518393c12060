import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * How the store answers while it goes away: the connection reset mid-body, the body cut before the announced
 * length, a 200 that is not JSON, an empty 200, a 500 saying the engine is closed, a 503 — or, for the tests of
 * what must stay the caller's fault, a 400 for a bad query, or a healthy answer.
 */
export type DyingMode = 'resetMidBody' | 'truncatedBody' | 'nonJson200' | 'empty200' | 'engineClosed500' | 'unavailable503' | 'badQuery400' | 'healthy';

/** What the store says, per mode, in its own dialect: the answers and error bodies InfluxDB 1.x or Elasticsearch 8 send. */
export interface StoreDialect {
  /** Headers every answer carries (Elasticsearch: its product header). */
  readonly headers: Readonly<Record<string, string>>;
  /** A complete, healthy answer to the request (its prefix is what the cut-off modes send first). */
  healthy(req: http.IncomingMessage): string;
  readonly engineClosed500: string;
  readonly unavailable503: string;
  readonly badQuery400: string;
}

export interface DyingHttpStore {
  readonly url: string;
  /** Requests answered so far, as `METHOD path`. */
  readonly requests: string[];
  /** Sets how the next requests are answered; `paths` limits the misbehaviour to requests whose path starts with one (others are healthy). */
  misbehave(mode: DyingMode, paths?: readonly string[]): void;
  close(): Promise<void>;
}

/**
 * A loopback HTTP server that answers like a store that is going away (one of DyingMode), so a test can point a
 * real client at it. Bounded: answers come at once, and a cut connection is cut within a few milliseconds.
 */
export async function startDyingHttpStore(dialect: StoreDialect): Promise<DyingHttpStore> {
  let mode: DyingMode = 'healthy';
  let paths: readonly string[] | undefined;
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    // Drain the request first, as a server does before answering.
    req.resume();
    req.on('end', () => {
      requests.push(`${req.method ?? '?'} ${req.url ?? '?'}`);
      const applies = paths === undefined || paths.some((p) => (req.url ?? '').startsWith(p));
      answer(applies ? mode : 'healthy', req, res);
    });
  });

  const json = (res: http.ServerResponse, status: number, body: string, type = 'application/json') => {
    res.writeHead(status, { ...dialect.headers, 'content-type': type, 'content-length': Buffer.byteLength(body) }).end(body);
  };

  function answer(current: DyingMode, req: http.IncomingMessage, res: http.ServerResponse): void {
    // A healthy answer without a body (InfluxDB's 204 to /write) is cut off as the error the store was sending.
    const body = dialect.healthy(req);
    switch (current) {
      case 'healthy':
        return body === '' ? void res.writeHead(204, dialect.headers).end() : json(res, 200, body);
      case 'resetMidBody':
      case 'truncatedBody': {
        // Announce the whole body, send a part, then reset (RST) or close (FIN) the connection.
        const [status, full] = body === '' ? [500, dialect.engineClosed500] : [200, body];
        res.writeHead(status, { ...dialect.headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(full) + 100 });
        res.write(full.slice(0, Math.max(1, Math.floor(full.length / 2))));
        setTimeout(() => (current === 'resetMidBody' ? req.socket.resetAndDestroy() : req.socket.destroy()), 5);
        return;
      }
      case 'nonJson200':
        return json(res, 200, '<html><body><h1>It works, sort of</h1></body></html>');
      case 'empty200':
        return json(res, 200, '');
      case 'engineClosed500':
        return json(res, 500, dialect.engineClosed500);
      case 'unavailable503':
        return json(res, 503, dialect.unavailable503);
      case 'badQuery400':
        return json(res, 400, dialect.badQuery400);
      default: {
        const unexpected: never = current;
        throw new Error(`unexpected mode ${String(unexpected)}`);
      }
    }
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    misbehave: (next, only) => {
      mode = next;
      paths = only;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
