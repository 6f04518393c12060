import { type LoadFigures } from './loadFigures';
import { requireFrom } from './packageFolder';
import { TOOLS_DIR } from './paths';

/** The part of autocannon's API the benchmark uses (autocannon ships no types; bench/tools pins its version). */
interface AutocannonOptions {
  readonly url: string;
  readonly method: 'POST';
  readonly headers: Record<string, string>;
  readonly body: string;
  readonly connections: number;
  readonly duration: number;
  readonly setupClient: (client: AutocannonClient) => void;
  readonly verifyBody: (body: string) => boolean;
}
interface AutocannonClient {
  readonly pipelinedRequests: { peek(): { body: string } | undefined; addBody(data: Buffer): void };
}
interface AutocannonResult {
  readonly errors: number;
  readonly mismatches: number;
}
interface AutocannonInstance {
  on(event: 'response', listener: (client: unknown, statusCode: number, bytes: number, responseTimeMs: number) => void): void;
}
type Autocannon = (options: AutocannonOptions, done: (err: Error | null, result: AutocannonResult) => void) => AutocannonInstance;

let loaded: Autocannon | undefined;

/** autocannon from bench/tools (installed there by ensureInstalled). */
function autocannon(): Autocannon {
  loaded ??= requireFrom(TOOLS_DIR)('autocannon') as Autocannon;
  return loaded;
}

/**
 * Throughput at saturation: `connections` keep-alive connections, each sending the next request as soon as the
 * last response arrived, for `seconds` (autocannon, in this process; the servers run in their own). Every
 * response's body is compared with `expected`, byte for byte; a mismatch (a wrong answer, an error, a non-200)
 * counts as a bad body, and autocannon's connection errors and timeouts as failures.
 *
 * autocannon appends each body chunk to a string decoded as UTF-8 on its own, which garbles a character split
 * between two TCP reads; the client set-up below makes it append each chunk as latin1 (one character per byte)
 * instead, so the comparison is exact.
 */
export function closedLoop(url: string, request: { headers: Record<string, string>; body: string }, expected: Buffer, options: { connections: number; seconds: number }): Promise<LoadFigures> {
  const expectedBytes = expected.toString('latin1');
  const latenciesMs: number[] = [];
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const instance = autocannon()(
      {
        url,
        method: 'POST',
        headers: request.headers,
        body: request.body,
        connections: options.connections,
        duration: options.seconds,
        setupClient: (client) => {
          const queue = client.pipelinedRequests;
          queue.addBody = (data: Buffer) => {
            const pending = queue.peek();
            if (pending) pending.body += data.toString('latin1');
          };
        },
        verifyBody: (body) => body === expectedBytes,
      },
      (err, result) => {
        if (err) return reject(err);
        resolve({ responses: latenciesMs.length, seconds: (performance.now() - started) / 1000, latenciesMs, badBodies: result.mismatches, failures: result.errors });
      },
    );
    instance.on('response', (_client, _status, _bytes, ms) => latenciesMs.push(ms));
  });
}
