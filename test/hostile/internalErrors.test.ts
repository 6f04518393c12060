import type { TestGateway } from '../support/testGateway';
import { capturedLogger } from './support/capturedLogger';
import { FailingSqlExecutor } from './support/failingSql';
import { expectData, postGraphql } from './support/hostileHttp';
import { startProductionGateway } from './support/productionGateway';

describe('an unexpected failure (production mode): masked for the client, its cause logged once with the request id', () => {
  let gateway: TestGateway;
  let sql: FailingSqlExecutor;
  const { logger, lines } = capturedLogger();

  beforeAll(async () => {
    gateway = await startProductionGateway({}, { logger, wrapSql: (inner) => (sql = new FailingSqlExecutor(inner)) });
  });
  afterAll(() => gateway?.stop());

  it('answers INTERNAL_SERVER_ERROR without the cause, and logs message, stack and path at error level with the request id', async () => {
    sql.failWith = (text) => (/FROM authors au\b/.test(text) ? new Error('synthetic bug: column au.secret_password does not exist') : undefined);
    try {
      const res = await postGraphql(gateway.url, { query: '{ authors(first: 2) { nodes { id } } }' }, { 'x-request-id': 'hostile-internal-1' });
      const body = res.json as { data: null; errors: { message: string; path: string[]; extensions: Record<string, unknown> }[] };
      expect(res.status).toBe(200);
      expect(body.errors).toEqual([{ message: 'Internal server error', locations: expect.any(Array), path: ['authors', 'nodes'], extensions: { code: 'INTERNAL_SERVER_ERROR' } }]);
      expect(res.text).not.toContain('secret_password');
      expect(body.data).toBeNull();
    } finally {
      sql.failWith = () => undefined;
    }
    await new Promise((resolve) => setImmediate(resolve));
    const logged = lines.filter((l) => l.msg === 'internal server error');
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ level: 50, requestId: 'hostile-internal-1', path: ['authors', 'nodes'], err: { type: 'Error', message: 'synthetic bug: column au.secret_password does not exist' } });
    expect(String((logged[0]?.['err'] as { stack?: string }).stack)).toMatch(/FailingSqlExecutor/);
    const completed = lines.find((l) => l.msg === 'request completed' && l['requestId'] === 'hostile-internal-1');
    expect(completed?.['errorCodes']).toEqual(['INTERNAL_SERVER_ERROR']);
  });

  it('logs nothing at error level for a request that went well, or for a typed error (control)', async () => {
    const before = lines.length;
    expectData(await postGraphql(gateway.url, { query: '{ authors(first: 2) { nodes { id } } }' }));
    await postGraphql(gateway.url, { query: '{ works(first: 500) { totalCount } }' });
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines.slice(before).filter((l) => l.level >= 50)).toEqual([]);
  });
});
