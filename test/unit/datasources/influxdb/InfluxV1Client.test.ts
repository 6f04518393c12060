import { Point } from '@influxdata/influxdb-client';
import { InfluxHttpError, InfluxUnreadableResponseError, InfluxV1Client } from '../../../../datasources/influxdb/InfluxV1Client';
import { isTransientInfluxError } from '../../../../datasources/influxdb/isTransientInfluxError';
import { StorePolicy } from '../../../../datasources/shared/StorePolicy';
import { StoreUnavailableError } from '../../../../src/core/errors';

/*
 * The v1 client against every way a dying InfluxDB (or the path to it) can answer, with `fetch` injected: no
 * socket is opened. Errors are the shapes Node's fetch (its bundled undici, whose classes are not exported)
 * produces, as seen against a real misbehaving server (test/embedded/dyingStoreAnswers.test.ts checks the same
 * modes with the real fetch):
 *   - refused or reset before the headers: `TypeError: fetch failed` with the socket error as `cause`;
 *   - reset while the body streams: the body read rejects with `TypeError: terminated`, cause `read ECONNRESET`;
 *   - connection closed before the announced body ended: `TypeError: terminated`, cause undici's SocketError
 *     `other side closed` (code UND_ERR_SOCKET).
 */

const encoder = new TextEncoder();

/** Node's socket error as `net` creates it (errno, code, syscall). */
function socketError(code: 'ECONNRESET' | 'ECONNREFUSED', syscall: 'read' | 'connect'): Error {
  const message = syscall === 'connect' ? `connect ${code} 127.0.0.1:8086` : `${syscall} ${code}`;
  return Object.assign(new Error(message), { errno: code === 'ECONNRESET' ? -104 : -111, code, syscall });
}

/** undici's SocketError (lib/core/errors.js): name, code and the socket's addresses. */
function undiciSocketError(): Error {
  return Object.assign(new Error('other side closed'), {
    name: 'SocketError',
    code: 'UND_ERR_SOCKET',
    socket: { localAddress: '127.0.0.1', localPort: 50000, remoteAddress: '127.0.0.1', remotePort: 8086 },
  });
}

/** A Response whose body sends `first`, then fails with `error` (what fetch's body stream does on a cut connection). */
function brokenBody(status: number, first: string, error: Error): Response {
  let sent = false;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (!sent) {
        sent = true;
        controller.enqueue(encoder.encode(first));
      } else {
        controller.error(new TypeError('terminated', { cause: error }));
      }
    },
  });
  return new Response(body, { status, headers: { 'content-type': 'application/json' } });
}

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const text = (status: number, body: string, type = 'text/plain') => new Response(body, { status, headers: { 'content-type': type } });

function clientAnswering(answer: () => Response | Promise<Response>) {
  const calls: string[] = [];
  const client = new InfluxV1Client({
    url: 'http://influx.invalid:8086',
    database: 'openalex',
    fetch: async (input) => {
      calls.push(String(input));
      return answer();
    },
  });
  return { client, calls };
}

const query = (client: InfluxV1Client) => client.query('SELECT sum("works") FROM "trend" WHERE "subject_id" = $s0', { s0: 'W1' });
const point = () => new Point('trend').tag('subject_kind', 'work').intField('works', 1).timestamp(0);
const write = (client: InfluxV1Client) => client.write([point()]);
const policy = () => new StorePolicy('influxdb', isTransientInfluxError, { maxAttempts: 1 });

/** What the policy makes of the failure: the gateway's UPSTREAM_UNAVAILABLE naming the store. */
async function throughPolicy(call: () => Promise<unknown>): Promise<unknown> {
  return policy()
    .execute('trends.work', call)
    .then(
      () => undefined,
      (err: unknown) => err,
    );
}

describe('InfluxV1Client: answers of a store that is going away are unavailability', () => {
  const unavailable: [string, () => Response | Promise<Response>, 'query' | 'write'][] = [
    ['a /query body reset mid-way', () => brokenBody(200, '{"results":[{"statement_id":0,"ser', socketError('ECONNRESET', 'read')), 'query'],
    ['a /query body cut before its announced end', () => brokenBody(200, '{"results":[{"sta', undiciSocketError()), 'query'],
    ['a truncated /query JSON body', () => text(200, '{"results":[{"statement_id":0,"series":[{"na', 'application/json'), 'query'],
    ['a /query 200 that is an HTML page', () => text(200, '<html><body>Bad gateway</body></html>', 'text/html'), 'query'],
    ['an empty /query 200', () => text(200, '', 'application/json'), 'query'],
    ['a /query 200 whose JSON is not an object', () => text(200, 'null', 'application/json'), 'query'],
    ['a 200 result saying the engine is closed', () => json(200, { results: [{ statement_id: 0, error: 'engine is closed' }] }), 'query'],
    ['a 200 result saying the query engine shut down', () => json(200, { results: [{ statement_id: 0, error: 'query engine shutdown' }] }), 'query'],
    ['a 200 result saying the query was interrupted', () => json(200, { results: [{ statement_id: 0, error: 'query interrupted' }] }), 'query'],
    ['a /query 500 saying the store is closed', () => json(500, { error: 'store is closed' }), 'query'],
    ['a /query 500 saying the shard is disabled', () => json(500, { error: 'shard is disabled' }), 'query'],
    ['a /query 503 from a proxy, in HTML', () => text(503, '<html>Service Unavailable</html>', 'text/html'), 'query'],
    ['a /query 502 with an empty body', () => text(502, ''), 'query'],
    ['a /write 500 saying the engine is closed', () => json(500, { error: 'engine is closed' }), 'write'],
    ['a /write 503', () => json(503, { error: 'unavailable' }), 'write'],
    ['a /write error whose body is reset mid-way', () => brokenBody(500, '{"error":"eng', socketError('ECONNRESET', 'read')), 'write'],
    ['a /write error whose body is cut off', () => brokenBody(503, '{"err', undiciSocketError()), 'write'],
    ['a /write answered 200 (InfluxDB answers 204)', () => text(200, ''), 'write'],
  ];

  it.each(unavailable)('%s', async (_mode, answer, call) => {
    const { client } = clientAnswering(answer);
    const err = await (call === 'query' ? query(client) : write(client)).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(Error);
    expect(isTransientInfluxError(err)).toBe(true);
    const viaPolicy = await throughPolicy(() => (call === 'query' ? query(clientAnswering(answer).client) : write(clientAnswering(answer).client)));
    expect(viaPolicy).toBeInstanceOf(StoreUnavailableError);
    expect(viaPolicy).toMatchObject({ store: 'influxdb', extensions: { code: 'UPSTREAM_UNAVAILABLE', store: 'influxdb' } });
  });

  it('reports a body that broke off as InfluxUnreadableResponseError with the socket error as its cause', async () => {
    const reset = socketError('ECONNRESET', 'read');
    const { client } = clientAnswering(() => brokenBody(200, '{"results":[', reset));
    const err = (await query(client).catch((e: unknown) => e)) as InfluxUnreadableResponseError;
    expect(err).toBeInstanceOf(InfluxUnreadableResponseError);
    expect(err.status).toBe(200);
    expect(err.message).toMatch(/broke off.*terminated/);
    expect((err.cause as Error).cause).toBe(reset);
  });

  it('reports an empty or non-JSON 200 as InfluxUnreadableResponseError, never as an InfluxDB error with status 200', async () => {
    for (const body of ['', '<html></html>', '{"results":[{"state']) {
      const err = await query(clientAnswering(() => text(200, body, 'application/json')).client).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(InfluxUnreadableResponseError);
      expect(err).not.toBeInstanceOf(InfluxHttpError);
    }
  });

  it('passes a refused or reset connection on as fetch reports it, and it is unavailability', async () => {
    for (const cause of [socketError('ECONNREFUSED', 'connect'), socketError('ECONNRESET', 'read')]) {
      const failure = new TypeError('fetch failed', { cause });
      const { client } = clientAnswering(() => Promise.reject(failure));
      await expect(query(client)).rejects.toBe(failure);
      expect(await throughPolicy(() => query(client))).toBeInstanceOf(StoreUnavailableError);
    }
  });

  it('rethrows an abort during the body read as the abort it is (the policy reports it as a timeout)', async () => {
    const caller = new AbortController();
    const client = new InfluxV1Client({
      url: 'http://influx.invalid:8086',
      database: 'openalex',
      fetch: async () =>
        new Response(
          new ReadableStream<Uint8Array>({
            pull: () => {
              caller.abort(new DOMException('aborted by the caller', 'AbortError'));
              throw caller.signal.reason;
            },
          }),
          { status: 200 },
        ),
    });
    const err = await client.query('SHOW DATABASES', {}, { signal: caller.signal }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DOMException);
    expect(err).not.toBeInstanceOf(InfluxUnreadableResponseError);
  });
});

describe('InfluxV1Client: errors that are the caller’s fault stay what they are', () => {
  const deterministic: [string, () => Response, 'query' | 'write', number][] = [
    ['an InfluxQL parse error (400)', () => json(400, { error: 'error parsing query: found EOF, expected FROM at line 1, char 9' }), 'query', 400],
    ['a missing database (200 result)', () => json(200, { results: [{ statement_id: 0, error: 'database not found: nope' }] }), 'query', 200],
    ['a field type conflict on write (400)', () => json(400, { error: 'partial write: field type conflict: input field "works" is type float, already exists as type integer dropped=1' }), 'write', 400],
    ['an unexplained 500', () => json(500, { error: 'something broke' }), 'query', 500],
    ['a 500 in plain text', () => text(500, 'internal error'), 'query', 500],
  ];

  it.each(deterministic)('%s is an InfluxHttpError the policy passes through, not retried', async (_mode, answer, call, status) => {
    const { client, calls } = clientAnswering(answer);
    const run = (): Promise<unknown> => (call === 'query' ? query(client) : write(client));
    const err = await run().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InfluxHttpError);
    expect((err as InfluxHttpError).status).toBe(status);
    expect(isTransientInfluxError(err)).toBe(false);
    const retrying = new StorePolicy('influxdb', isTransientInfluxError, { maxAttempts: 3, initialBackoffMs: 1, maxBackoffMs: 1 });
    const before = calls.length;
    const viaPolicy = await retrying.execute('trends.work', run).catch((e: unknown) => e);
    expect(viaPolicy).toBeInstanceOf(InfluxHttpError);
    expect(calls.length - before).toBe(1);
  });

  it('still reads a good answer into series', async () => {
    const { client } = clientAnswering(() =>
      json(200, { results: [{ statement_id: 0, series: [{ name: 'trend', tags: { subject_id: 'W1' }, columns: ['time', 'works'], values: [[0, 1]] }] }] }),
    );
    expect(await query(client)).toEqual([{ name: 'trend', tags: { subject_id: 'W1' }, rows: [{ time: 0, works: 1 }] }]);
    const { client: writer } = clientAnswering(() => new Response(null, { status: 204 }));
    await expect(write(writer)).resolves.toBeUndefined();
  });

  it('reads a series InfluxDB sends without values (SHOW SHARDS of a database with no shard) as one with no rows', async () => {
    const columns = ['id', 'database'];
    const { client } = clientAnswering(() =>
      json(200, { results: [{ statement_id: 0, series: [{ name: 'empty', columns }, { name: 'full', columns, values: [[4, 'full']] }] }] }),
    );
    expect(await query(client)).toEqual([
      { name: 'empty', tags: {}, rows: [] },
      { name: 'full', tags: {}, rows: [{ id: 4, database: 'full' }] },
    ]);
  });
});
