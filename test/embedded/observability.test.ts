import pino from 'pino';
import type { SqlExecutor, SqlParam } from '../../datasources/postgres/SqlExecutor';
import { loadConfig } from '../../src/config';
import { seedSampleIfEmpty } from '../../src/seed/seedSampleIfEmpty';
import { startGateway } from '../../src/server';
import { openStores } from '../../src/stores';
import { sampleGroundTruth } from '../support/sampleGroundTruth';
import { TEST_JWT_SECRET } from '../support/testTokens';

/** A SQL executor whose statements can be made to hang forever or fail, to play a slow or dead PostgreSQL. */
class ControllableSql implements SqlExecutor {
  mode: 'normal' | 'hang' | 'fail' = 'normal';

  constructor(private readonly inner: SqlExecutor) {}

  get backend() {
    return this.inner.backend;
  }

  query<Row extends object>(text: string, params?: readonly SqlParam[]): Promise<Row[]> {
    if (this.mode === 'hang') return new Promise<Row[]>(() => undefined);
    if (this.mode === 'fail') return Promise.reject(new Error('the database is gone'));
    return this.inner.query<Row>(text, params);
  }

  transaction<T>(fn: (tx: Pick<SqlExecutor, 'query'>) => Promise<T>): Promise<T> {
    return this.inner.transaction(fn);
  }

  exec(script: string): Promise<void> {
    return this.inner.exec(script);
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}

interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

interface Harness {
  readonly base: string;
  readonly logs: LogLine[];
  readonly sql: ControllableSql;
  post(body: unknown, headers?: Record<string, string>): Promise<Response>;
  stop(): Promise<void>;
}

/** The real gateway on a loopback port, logging JSON lines into `logs`. */
async function startHarness(env: Record<string, string>): Promise<Harness> {
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', NODE_ENV: 'test', DATA_DIR: 'memory://', AUTH_JWT_SECRET: TEST_JWT_SECRET, ...env });
  const logs: LogLine[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => logs.push(JSON.parse(line) as LogLine) });
  let sql!: ControllableSql;
  const stores = await openStores(config, logger, {
    wrapSql: (inner) => {
      sql = new ControllableSql(inner);
      return sql;
    },
  });
  await seedSampleIfEmpty(config.postgres.seed, stores, logger);
  const gateway = await startGateway(config, logger, stores);
  const base = gateway.url.replace(/\/graphql$/, '');
  return {
    base,
    logs,
    sql,
    post: (body, headers = {}) =>
      fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) }),
    stop: async () => {
      await gateway.stop();
      await stores.close();
    },
  };
}

/** The log lines of one request (the gateway writes them when the response has been sent). */
async function linesOf(logs: LogLine[], requestId: string, msg: string): Promise<LogLine[]> {
  for (let i = 0; i < 50; i++) {
    const found = logs.filter((l) => l['requestId'] === requestId && l.msg === msg);
    if (found.length > 0) return found;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return [];
}

/** A sample work with authors, so that reading its byline calls the author loader. */
const workId = [...sampleGroundTruth().works.values()].find((w) => w.authorships.length > 0)?.id as string;

describe('operating the gateway: health, readiness, metrics and request logs', () => {
  let gw: Harness;

  beforeAll(async () => {
    gw = await startHarness({ SLOW_OPERATION_MS: '0' });
  });

  afterAll(async () => {
    await gw?.stop();
  });

  it('answers /health while the process lives', async () => {
    const res = await fetch(`${gw.base}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('answers /ready with each configured store, 200 while PostgreSQL is up', async () => {
    const res = await fetch(`${gw.base}/ready`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      status: 'ready',
      stores: [{ store: 'postgres', required: true, status: 'up', latencyMs: expect.any(Number), breaker: 'closed' }],
    });
  });

  it('answers /ready with 503 and not_ready while PostgreSQL fails', async () => {
    gw.sql.mode = 'fail';
    try {
      const res = await fetch(`${gw.base}/ready`);
      expect(res.status).toBe(503);
      const body = (await res.json()) as { status: string; stores: { store: string; status: string }[] };
      expect(body.status).toBe('not_ready');
      expect(body.stores).toEqual([expect.objectContaining({ store: 'postgres', status: 'down' })]);
    } finally {
      gw.sql.mode = 'normal';
    }
  });

  it("returns the caller's x-request-id, or a new one, and logs one line per request with operation, outcome, duration and store calls", async () => {
    const res = await gw.post({ query: `query WorkTitle { work(id: "${workId}") { title citedBy(first: 1) { totalCount } } }` }, { 'x-request-id': 'trace-abc-123' });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toBe('trace-abc-123');
    const [line] = await linesOf(gw.logs, 'trace-abc-123', 'request completed');
    expect(line).toMatchObject({ method: 'POST', path: '/graphql', status: 200, operation: 'WorkTitle', outcome: 'success', durationMs: expect.any(Number) });
    expect((line?.['storeCalls'] as Record<string, number>)['postgres']).toBeGreaterThanOrEqual(2);

    const anonymous = await gw.post({ query: '{ __typename }' }, { 'x-request-id': 'not a valid id' });
    const generated = anonymous.headers.get('x-request-id');
    expect(generated).toMatch(/^[0-9a-f-]{36}$/);
    const [anonymousLine] = await linesOf(gw.logs, generated as string, 'request completed');
    expect(anonymousLine).toMatchObject({ operation: 'anonymous', outcome: 'success', storeCalls: {} });
  });

  it('logs a warn-level slow operation line above SLOW_OPERATION_MS', async () => {
    await gw.post({ query: 'query Slowish { __typename }' }, { 'x-request-id': 'slow-1' });
    const [slow] = await linesOf(gw.logs, 'slow-1', 'slow operation');
    expect(slow).toMatchObject({ level: 40, operation: 'Slowish', thresholdMs: 0 });
  });

  it('logs the error codes of a request that failed, with outcome error', async () => {
    const res = await gw.post({ query: 'query BadId { work(id: "not-an-id") { title } }' }, { 'x-request-id': 'bad-1' });
    const body = (await res.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0]?.extensions.code).toBe('BAD_USER_INPUT');
    const [line] = await linesOf(gw.logs, 'bad-1', 'request completed');
    expect(line).toMatchObject({ operation: 'BadId', outcome: 'error', errorCodes: ['BAD_USER_INPUT'] });
  });

  it('serves Prometheus metrics at /metrics: requests, errors, store calls, cache, breakers, loaders, outbox, process', async () => {
    await gw.post({ query: `query WorkAuthors { work(id: "${workId}") { title authorships { author { displayName } } } }` });
    await gw.post({ query: 'query BadId { work(id: "not-an-id") { title } }' });
    const res = await fetch(`${gw.base}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await res.text();
    expect(text).toMatch(/^gateway_http_request_duration_seconds_count\{operation="WorkAuthors",outcome="success"\} [1-9]/m);
    expect(text).toMatch(/^gateway_http_request_duration_seconds_count\{operation="BadId",outcome="error"\} [1-9]/m);
    expect(text).toMatch(/^gateway_graphql_errors_total\{code="BAD_USER_INPUT"\} [1-9]/m);
    expect(text).toMatch(/^gateway_datasource_calls_total\{store="postgres",operation="authors\.byId",outcome="success"\} [1-9]/m);
    expect(text).toMatch(/^gateway_datasource_call_duration_seconds_count\{store="postgres",operation="authors\.byId"\} [1-9]/m);
    expect(text).toMatch(/^gateway_cache_requests_total\{store="lru",entity="work",result="(hit|miss)"\} [1-9]/m);
    expect(text).toMatch(/^gateway_circuit_breaker_state\{store="postgres"\} 0$/m);
    expect(text).toMatch(/^gateway_dataloader_batch_size_count\{loader="author"\} [1-9]/m);
    expect(text).toMatch(/^gateway_outbox_records\{state="pending"\} \d+$/m);
    expect(text).toMatch(/^gateway_outbox_oldest_record_age_seconds \d/m);
    expect(text).toMatch(/^process_cpu_user_seconds_total /m);
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds /m);
  });
});

describe('the request deadline (GRAPHQL_REQUEST_TIMEOUT_MS)', () => {
  let gw: Harness;

  beforeAll(async () => {
    gw = await startHarness({ GRAPHQL_REQUEST_TIMEOUT_MS: '300', SEED: 'none' });
  });

  afterAll(async () => {
    await gw?.stop();
  });

  it('answers REQUEST_TIMEOUT instead of waiting for a store that does not answer', async () => {
    gw.sql.mode = 'hang';
    try {
      const res = await gw.post({ query: 'query Hanging { works(first: 3) { totalCount } }' }, { 'x-request-id': 'deadline-1' });
      const body = (await res.json()) as { data: unknown; errors: { message: string; extensions: { code: string; timeoutMs: number } }[] };
      expect(body.errors).toEqual([
        expect.objectContaining({ message: 'the request did not complete within 300 ms', extensions: { code: 'REQUEST_TIMEOUT', timeoutMs: 300 } }),
      ]);
      const [line] = await linesOf(gw.logs, 'deadline-1', 'request completed');
      expect(line).toMatchObject({ operation: 'Hanging', outcome: 'error', errorCodes: ['REQUEST_TIMEOUT'], storeCalls: { postgres: 1 } });
      // The store is not to blame for the request's deadline: its breaker stays closed.
      const ready = (await (await fetch(`${gw.base}/metrics`)).text()).match(/^gateway_datasource_calls_total\{store="postgres",operation="[^"]+",outcome="cancelled"\} 1$/m);
      expect(ready).not.toBeNull();
    } finally {
      gw.sql.mode = 'normal';
    }
  });
});
