import http from 'node:http';

/** A POST whose response is read only when told to: a slow client, holding a large response in flight. */
export interface SlowResponse {
  /** Resolves once the status and headers (and at most the first chunk) have arrived; the body then waits. */
  readonly started: Promise<{ status: number; headers: http.IncomingHttpHeaders }>;
  /** Reads the rest of the body; resolves with all of it, or rejects if the connection was cut first. */
  readAll(): Promise<Buffer>;
  /** Bytes of body received so far. */
  received(): number;
  destroy(): void;
}

/** Sends `body` as JSON to `url` on a connection of its own, and reads the response only when asked to. */
export function slowPost(url: string, body: unknown, headers: Record<string, string> = {}): SlowResponse {
  const chunks: Buffer[] = [];
  let bytes = 0;
  let response: http.IncomingMessage | undefined;
  const payload = JSON.stringify(body);
  const req = http.request(url, {
    method: 'POST',
    agent: false,
    headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), ...headers },
  });
  const ended = new Promise<Buffer>((resolve, reject) => {
    req.once('error', reject);
    req.once('response', (res) => {
      res.once('error', reject);
      res.once('aborted', () => reject(new Error(`response cut off after ${bytes} bytes`)));
      res.once('end', () => (res.complete ? resolve(Buffer.concat(chunks)) : reject(new Error(`response incomplete after ${bytes} bytes`))));
    });
  });
  ended.catch(() => undefined);
  const started = new Promise<{ status: number; headers: http.IncomingHttpHeaders }>((resolve, reject) => {
    req.once('error', reject);
    req.once('response', (res) => {
      response = res;
      res.once('data', (chunk: Buffer) => {
        chunks.push(chunk);
        bytes += chunk.length;
        res.pause();
        res.on('data', (more: Buffer) => {
          chunks.push(more);
          bytes += more.length;
        });
        resolve({ status: res.statusCode ?? 0, headers: res.headers });
      });
    });
  });
  req.end(payload);
  return {
    started,
    readAll: () => {
      response?.resume();
      return ended;
    },
    received: () => bytes,
    destroy: () => req.destroy(),
  };
}
