import http from 'node:http';
import net from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { projectRoot } from '../../src/core/projectRoot';
import { type GatewayProcess, linesWith, spawnGateway } from '../support/gatewayProcess';
import { sampleGroundTruth } from '../support/sampleGroundTruth';
import { slowPost } from '../support/slowResponse';

// Each case starts `npm start` (a first start seeds the sample: several seconds) and stops it.
jest.setTimeout(120_000);

const ROOT = projectRoot(__dirname);
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** Aliases per operation and operations per batch of the large query below. */
const ALIASES = 12;
const OPERATIONS = 3;
const WORKS_PER_ALIAS = 200;

/** A batch whose answer is several megabytes: every work with its abstract and references, many times over. */
const LARGE_BATCH = Array.from({ length: OPERATIONS }, (_, op) => ({
  query: `query Large${op} { ${Array.from({ length: ALIASES }, (_, i) => `a${i}: works(first: ${WORKS_PER_ALIAS}) { nodes { id title abstract referencedWorkIds } }`).join(' ')} }`,
}));

/** The batch answers about 11 MB: above the default response and cost limits, so these tests raise them. */
const LARGE_RESPONSES = { GRAPHQL_MAX_RESPONSE_BYTES: '64mb', GRAPHQL_MAX_COST: '1000000' };

interface WorkNode {
  id: string;
}

function startNpm(env: Record<string, string> = {}, options: { waitFor?: string; dataDir?: string } = {}): Promise<GatewayProcess> {
  return spawnGateway(NPM, ['start'], { cwd: ROOT, env, ...options });
}

/** Resolves with the socket's close once the keep-alive connection it made is idle (one request answered). */
function idleKeepAliveConnection(url: string): Promise<{ closed: Promise<number> }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  return new Promise((resolve, reject) => {
    const req = http.request(`${url}`, { method: 'POST', agent, headers: { 'content-type': 'application/json' } }, (res) => {
      res.resume();
      res.once('end', () => {
        const socket = req.socket;
        const opened = performance.now();
        if (!socket) throw new Error('the request has no socket');
        resolve({ closed: new Promise((done) => socket.once('close', () => done(performance.now() - opened))) });
      });
    });
    req.once('error', reject);
    req.end(JSON.stringify({ query: '{ gateway { version } }' }));
  });
}

describe('the gateway process stops cleanly on signals (npm start, default NODE_ENV)', () => {
  let gateway: GatewayProcess | undefined;

  afterEach(async () => {
    await gateway?.kill();
    gateway = undefined;
  });

  it('SIGTERM to npm: stops at once when idle and exits 0', async () => {
    gateway = await startNpm();
    gateway.signal('SIGTERM', 'command');
    const exit = await gateway.exited;
    expect(exit).toMatchObject({ code: 0, signal: null });
    expect(exit.msAfterSignal).toBeLessThan(5_000);
    expect(linesWith(gateway.logs, 'shutdown complete')).toHaveLength(1);
    // Every step ran: the HTTP drain, the outbox relay's flush, closing the stores.
    expect(linesWith(gateway.logs, 'shutdown step done').map((l) => l['step'])).toEqual(['http', 'outbox relay', 'stores', 'start-up']);
  });

  it('Ctrl-C (SIGINT to the process group, npm and the gateway alike): exits 0 once, whatever number of copies arrive', async () => {
    gateway = await startNpm();
    gateway.signal('SIGINT', 'group');
    const exit = await gateway.exited;
    expect(exit).toMatchObject({ code: 0, signal: null });
    expect(exit.msAfterSignal).toBeLessThan(5_000);
    expect(linesWith(gateway.logs, 'shutting down')).toHaveLength(1);
    expect(linesWith(gateway.logs, 'shutdown complete')).toHaveLength(1);
  });

  it('stops accepting connections, completes a request whose body was still on its way, then exits 0', async () => {
    gateway = await startNpm();
    const port = Number(new URL(gateway.url).port);
    // A request in flight: its headers are in (the server answered 100 Continue), its body is not yet sent.
    const body = JSON.stringify({ query: 'query InFlight { __typename }' });
    const socket = net.connect(port, '127.0.0.1');
    let received = '';
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString();
    });
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    try {
      socket.write(
        'POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nExpect: 100-continue\r\n' +
          `x-request-id: in-flight-1\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n`,
      );
      await until(() => received.includes('100 Continue'), 'the server accepts the request');
      gateway.signal('SIGTERM');
      await until(() => linesWith(gateway?.logs ?? [], 'shutting down').length > 0, 'the gateway logs the shutdown');
      await until(async () => !(await canConnect(port)), 'the gateway stops accepting connections');
      socket.write(body);
      await closed;
    } finally {
      socket.destroy();
    }
    expect(received).toMatch(/HTTP\/1\.1 200 OK/);
    expect(received).toContain('{"data":{"__typename":"Query"}}');
    const exit = await gateway.exited;
    expect(exit).toMatchObject({ code: 0, signal: null });
    const messages = gateway.logs.map((l) => (l.msg === 'request completed' ? `${l.msg} ${String(l['requestId'])}` : l.msg));
    const afterSignal = messages.slice(messages.indexOf('shutting down'));
    expect(afterSignal).toContain('request completed in-flight-1');
    expect(afterSignal[afterSignal.length - 1]).toBe('shutdown complete');
  });

  it('closes an idle keep-alive connection instead of waiting for it, and exits 0', async () => {
    gateway = await startNpm();
    const { closed } = await idleKeepAliveConnection(gateway.url);
    gateway.signal('SIGTERM');
    const exit = await gateway.exited;
    expect(exit).toMatchObject({ code: 0, signal: null });
    expect(exit.msAfterSignal).toBeLessThan(5_000);
    // The server ended the idle connection (the client did not).
    await expect(closed).resolves.toBeLessThan(5_000);
  });

  it('lets a large response in flight arrive whole, then exits 0', async () => {
    gateway = await startNpm(LARGE_RESPONSES);
    const slow = slowPost(gateway.url, LARGE_BATCH, { 'x-request-id': 'large-in-flight' });
    const { status, headers } = await slow.started;
    expect(status).toBe(200);
    gateway.signal('SIGTERM');
    // The client keeps not reading for a while: the response is still on its way when the shutdown starts.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const body = await slow.readAll();
    expect(body.length).toBe(Number(headers['content-length']));
    const results = JSON.parse(body.toString('utf8')) as { data: Record<string, { nodes: WorkNode[] }> }[];
    expect(results).toHaveLength(OPERATIONS);
    for (const result of results) {
      expect(Object.keys(result.data)).toHaveLength(ALIASES);
      for (const alias of Object.values(result.data)) expect(alias.nodes).toHaveLength(WORKS_PER_ALIAS);
    }
    expect(body.length).toBeGreaterThan(4 * 1024 * 1024);
    const exit = await gateway.exited;
    expect(exit).toMatchObject({ code: 0, signal: null });
    // The request was still being answered when the shutdown began.
    const order = gateway.logs.map((l) => (l.msg === 'shutting down' ? 'shutdown' : l['requestId'] === 'large-in-flight' && l.msg === 'request completed' ? 'request' : undefined)).filter(Boolean);
    expect(order).toEqual(['shutdown', 'request']);
    expect(linesWith(gateway.logs, 'shutdown complete')).toHaveLength(1);
  });

  it('a signal during the first start ends it with 1; the next start completes the sample', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'gateway-interrupted-'));
    try {
      gateway = await startNpm({}, { waitFor: 'catalog migrations applied', dataDir });
      gateway.signal('SIGTERM');
      const exit = await gateway.exited;
      expect(exit).toMatchObject({ code: 1, signal: null });
      expect(linesWith(gateway.logs, 'shutdown step cut something off')).toEqual([
        expect.objectContaining({ step: 'start-up', interrupted: 'the gateway was still starting' }),
      ]);
      expect(linesWith(gateway.logs, 'gateway ready')).toEqual([]);
      gateway = await startNpm({}, { dataDir });
      const res = await fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ works { totalCount } }' }) });
      expect(await res.json()).toEqual({ data: { works: { totalCount: sampleGroundTruth().works.size } } });
    } finally {
      await gateway?.kill();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('past SHUTDOWN_TIMEOUT_MS, logs the request it had to cut off and exits 1', async () => {
    gateway = await startNpm({ ...LARGE_RESPONSES, SHUTDOWN_TIMEOUT_MS: '1500' });
    // A client that never reads its large response keeps the request open for ever.
    const stuck = slowPost(gateway.url, LARGE_BATCH, { 'x-request-id': 'never-read' });
    await stuck.started;
    gateway.signal('SIGTERM');
    const exit = await gateway.exited;
    stuck.destroy();
    expect(exit).toMatchObject({ code: 1, signal: null });
    expect(exit.msAfterSignal).toBeGreaterThanOrEqual(900);
    expect(exit.msAfterSignal).toBeLessThan(4_000);
    const [cut] = linesWith(gateway.logs, 'shutdown step cut something off');
    expect(cut).toMatchObject({
      step: 'http',
      cutConnections: [expect.objectContaining({ request: expect.objectContaining({ requestId: 'never-read', method: 'POST', path: '/graphql' }) })],
    });
    expect(linesWith(gateway.logs, 'shutdown finished with problems')).toHaveLength(1);
  });
});

/** Polls `condition` every 20 ms until it holds; fails after `timeoutMs`. */
async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** True when a TCP connection to the port is accepted (and closed again at once). */
function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
