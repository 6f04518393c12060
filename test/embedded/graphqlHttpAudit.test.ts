import { auditServer, type AuditResult } from 'graphql-http';
import { startTestGateway, type TestGateway } from '../support/testGateway';

/** The audits that did not pass, as `LEVEL id: reason` lines (an empty list reads well in a failure). */
function failures(results: AuditResult[], level: 'MUST' | 'SHOULD' | 'MAY'): string[] {
  return results.filter((r) => r.status !== 'ok' && r.name.startsWith(`${level} `)).map((r) => `${r.id} ${r.name}: ${'reason' in r ? r.reason : ''}`);
}

/**
 * graphql-http's audit suite of the GraphQL-over-HTTP specification against the real gateway (embedded
 * profile, default limits, CSRF prevention on).
 */
describe('GraphQL-over-HTTP compliance (graphql-http audits)', () => {
  let gateway: TestGateway;
  let plain: AuditResult[];
  beforeAll(async () => {
    gateway = await startTestGateway({ SEED: 'none' });
    plain = await auditServer({ url: gateway.url });
  });
  afterAll(() => gateway.stop());

  it('passes every MUST and every SHOULD audit', () => {
    expect(plain.length).toBeGreaterThan(30);
    expect(failures(plain, 'MUST')).toEqual([]);
    expect(failures(plain, 'SHOULD')).toEqual([]);
  });

  it('fails only the MAY audits of GET requests without a CSRF preflight header, and passes them with one', async () => {
    // CSRF prevention refuses a GET that a browser could send cross-site without a preflight: no
    // Content-Type and neither `apollo-require-preflight` nor `x-apollo-operation-name` (Apollo clients send one).
    const refusedGets = plain.filter((r) => r.status !== 'ok');
    expect(refusedGets.map((r) => r.id).sort()).toEqual(['5A70', '6A70', 'D6D5']);
    expect(refusedGets.every((r) => r.name.startsWith('MAY ') && / GET/.test(r.name))).toBe(true);

    const withPreflight = await auditServer({
      url: gateway.url,
      fetchFn: (input: string | URL | Request, init: RequestInit = {}) => {
        const headers = new Headers(init.headers);
        headers.set('apollo-require-preflight', 'true');
        return fetch(input, { ...init, headers });
      },
    });
    expect(withPreflight.filter((r) => r.status !== 'ok').map((r) => r.id)).toEqual([]);
  });
});
