import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { type LoadFigures } from './loadFigures';

/**
 * Latency at a constant rate: `rate` requests per second, evenly spaced, for `seconds`, over at most
 * `connections` keep-alive connections (node's `http` agent queues the rest). A request's latency runs from the
 * moment it was due, not from when a connection was free, so a server that falls behind shows it in the
 * percentiles instead of slowing the load (no coordinated omission). autocannon's own rate limit is not used:
 * it sends each connection's budget for a second back to back and then waits, so half the maximum rate there
 * is full load half the time. Bodies are compared with `expected` byte for byte, as in closedLoop.
 */
export async function pacedLoad(url: string, request: { headers: Record<string, string>; body: string }, expected: Buffer, options: { rate: number; seconds: number; connections: number }): Promise<LoadFigures> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections });
  const headers = { ...request.headers, 'content-length': String(Buffer.byteLength(request.body)) };
  const total = Math.max(1, Math.round(options.rate * options.seconds));
  const intervalMs = 1000 / options.rate;
  const latenciesMs: number[] = [];
  let badBodies = 0;
  let failures = 0;
  let open = 0;
  let finished = false;

  const send = (dueAt: number) => {
    open++;
    const req = http.request(url, { method: 'POST', agent, headers, timeout: 10_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        if (finished) return;
        latenciesMs.push(performance.now() - dueAt);
        if (res.statusCode !== 200 || !Buffer.concat(chunks).equals(expected)) badBodies++;
        open--;
      });
    });
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', () => {
      if (finished) return;
      failures++;
      open--;
    });
    req.end(request.body);
  };

  const started = performance.now();
  for (let sent = 0; sent < total; ) {
    const now = performance.now();
    while (sent < total && started + sent * intervalMs <= now) send(started + intervalMs * sent++);
    await sleep(Math.max(0, Math.min(intervalMs, started + sent * intervalMs - performance.now())));
  }
  const drainBy = performance.now() + 15_000;
  while (open > 0 && performance.now() < drainBy) await sleep(5);
  const seconds = (performance.now() - started) / 1000;
  failures += open;
  finished = true;
  agent.destroy();
  return { responses: latenciesMs.length, seconds, latenciesMs, badBodies, failures };
}
