import type http from 'node:http';
import net from 'node:net';

/** A connection still open when a drain ran out of time, for the shutdown log. */
export interface OpenConnection {
  /** `responding`: its request is still being answered; `delivering`: the response was handed to the socket but the client has not taken it all and closed; `idle`: nothing asked. */
  readonly state: 'responding' | 'delivering' | 'idle';
  /** The last request the connection carried, if any. */
  readonly request?: {
    readonly method: string;
    readonly path: string;
    /** The `x-request-id` the gateway gave it, when the request got that far. */
    readonly requestId: string | undefined;
    readonly ageMs: number;
  };
  /** Bytes written to the socket so far. */
  readonly bytesWritten: number;
}

/** How a drain ended. */
export interface DrainResult {
  /** Connections destroyed at the deadline, with what they were doing. */
  readonly cut: readonly OpenConnection[];
}

interface LastRequest {
  readonly req: http.IncomingMessage;
  readonly res: http.ServerResponse;
  readonly started: number;
  answered: boolean;
}

interface Tracked {
  active: number;
  last: LastRequest | undefined;
}

/**
 * Graceful stop of one HTTP server: `drain` stops accepting connections, ends idle keep-alive connections at
 * once, lets every request in flight finish and its response reach the client (a connection is ended after its
 * response and counts as open until the client has read everything and closed; requests still arriving on an
 * open connection are answered with `Connection: close`), and destroys whatever is left at the deadline,
 * reporting it. Construct it right after the server, before it accepts anything.
 *
 * Why not `server.close()` (which Apollo's drain plugin, stoppable and http-terminator call): since Node 19 it
 * destroys every connection without a request in progress, including one whose response Node has handed to the
 * kernel but a slow client has not read yet — that response is cut off (a 12.8 MB answer arrived as 9.3 MB).
 * And shutdown must say which connections it had to cut, which none of those libraries exposes.
 */
export class HttpDrain {
  private readonly connections = new Map<net.Socket, Tracked>();
  private draining = false;

  constructor(private readonly server: http.Server) {
    server.on('connection', (socket: net.Socket) => {
      this.connections.set(socket, { active: 0, last: undefined });
      socket.once('close', () => this.connections.delete(socket));
    });
    server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => this.track(req, res));
  }

  /** True once `drain` began. */
  get isDraining(): boolean {
    return this.draining;
  }

  /** Every open connection and what it is doing. */
  openConnections(): OpenConnection[] {
    const now = performance.now();
    return [...this.connections].map(([socket, tracked]) => {
      const last = tracked.last;
      const requestId = last?.res.getHeader('x-request-id');
      return {
        state: tracked.active > 0 ? 'responding' : last && this.draining ? 'delivering' : 'idle',
        ...(last
          ? {
              request: {
                method: last.req.method ?? '?',
                path: ((last.req as { originalUrl?: string }).originalUrl ?? last.req.url ?? '').split('?')[0] ?? '',
                requestId: typeof requestId === 'string' ? requestId : undefined,
                ageMs: Math.round(now - last.started),
              },
            }
          : {}),
        bytesWritten: socket.bytesWritten,
      };
    });
  }

  /**
   * Stops accepting connections and waits until every connection has closed, at most until `deadline` (a
   * `performance.now()` time); then destroys the connections left and reports them.
   */
  async drain(deadline: number): Promise<DrainResult> {
    this.draining = true;
    // net.Server's close, not http.Server's: stop accepting, without destroying connections Node deems idle.
    const closed = new Promise<void>((resolve) => net.Server.prototype.close.call(this.server, () => resolve()));
    for (const [socket, tracked] of this.connections) if (tracked.active === 0) socket.end();
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), Math.max(0, deadline - performance.now()));
    });
    const outcome = await Promise.race([closed, timedOut]);
    clearTimeout(timer);
    if (outcome !== 'timeout') return { cut: [] };
    const cut = this.openConnections();
    for (const socket of this.connections.keys()) socket.destroy();
    await closed;
    return { cut };
  }

  private track(req: http.IncomingMessage, res: http.ServerResponse): void {
    const socket = req.socket;
    const tracked = this.connections.get(socket) ?? { active: 0, last: undefined };
    this.connections.set(socket, tracked);
    const entry: LastRequest = { req, res, started: performance.now(), answered: false };
    tracked.active += 1;
    tracked.last = entry;
    // A request arriving on a kept-alive connection during the drain is answered, and its connection closed after.
    if (this.draining && !res.headersSent) res.setHeader('connection', 'close');
    const settle = () => {
      if (entry.answered) return;
      entry.answered = true;
      tracked.active -= 1;
      // end(), not destroy(): what is still buffered for the client is sent first; the connection counts as open
      // until the client has read it and closed its side.
      if (this.draining && tracked.active === 0) socket.end();
    };
    res.once('finish', settle);
    res.once('close', settle);
  }
}
