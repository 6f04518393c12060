import { startTestGateway, type TestGateway } from '../support/testGateway';
import { testToken } from '../support/testTokens';

const APP = 'http://localhost:3000';
const OTHER = 'https://elsewhere.example';

/** A browser's preflight for a cross-origin GraphQL POST (fetch spec, "CORS-preflight request"). */
function preflight(url: string, origin: string, headers: string): Promise<Response> {
  return fetch(url, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': headers },
  });
}

function post(url: string, origin: string, query: string, token?: string): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { origin, 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query }),
  });
}

/** Headers requested by the preflight, as the browser lists them: lowercase, sorted. */
function allowed(res: Response): string[] {
  return (res.headers.get('access-control-allow-headers') ?? '')
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean);
}

describe('CORS (CORS_ORIGINS)', () => {
  describe('default: no origin listed', () => {
    let gateway: TestGateway;
    beforeAll(async () => {
      gateway = await startTestGateway();
    });
    afterAll(() => gateway.stop());

    it('answers a preflight 204 without CORS headers, so the browser refuses to send the request', async () => {
      const res = await preflight(gateway.url, APP, 'content-type');
      expect(res.status).toBe(204);
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
    });

    it('gives a cross-origin POST no Access-Control-Allow-Origin (a page cannot read it)', async () => {
      const res = await post(gateway.url, APP, '{ gateway { version } }');
      expect(res.status).toBe(200);
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
    });
  });

  describe('a listed origin, and * for everyone else', () => {
    let gateway: TestGateway;
    beforeAll(async () => {
      gateway = await startTestGateway({ CORS_ORIGINS: `${APP}, *` });
    });
    afterAll(() => gateway.stop());

    it('answers the listed origin\'s preflight with its origin, credentials and every header a GraphQL client sends', async () => {
      const res = await preflight(gateway.url, APP, 'content-type,authorization,apollo-require-preflight,x-apollo-operation-name,x-request-id,traceparent');
      expect(res.status).toBe(204);
      expect(res.headers.get('access-control-allow-origin')).toBe(APP);
      expect(res.headers.get('access-control-allow-credentials')).toBe('true');
      expect(res.headers.get('access-control-allow-methods')?.split(',')).toEqual(['GET', 'POST', 'OPTIONS']);
      expect(allowed(res)).toEqual(expect.arrayContaining(['content-type', 'authorization', 'apollo-require-preflight', 'x-apollo-operation-name', 'x-request-id', 'traceparent']));
      expect(res.headers.get('access-control-max-age')).toBe('600');
      expect(res.headers.get('vary')).toMatch(/origin/i);
    });

    it('lets the listed origin read a query and an editor\'s mutation, and the response headers it needs', async () => {
      const query = await post(gateway.url, APP, '{ gateway { version } }');
      expect(query.headers.get('access-control-allow-origin')).toBe(APP);
      expect(query.headers.get('access-control-expose-headers')?.split(',')).toEqual(['x-request-id', 'etag', 'age']);
      const token = await testToken('editor');
      const mutation = await post(gateway.url, APP, 'mutation { requeueDeadLetters }', token);
      expect(mutation.headers.get('access-control-allow-origin')).toBe(APP);
      expect(mutation.headers.get('access-control-allow-credentials')).toBe('true');
      // The request itself reached the gateway with its token (an editor may not requeue: FORBIDDEN, not UNAUTHENTICATED).
      expect(((await mutation.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code).toBe('FORBIDDEN');
    });

    it('lets any other origin send anonymous requests only: * without credentials, and no Authorization allowed', async () => {
      const res = await preflight(gateway.url, OTHER, 'content-type,authorization');
      expect(res.status).toBe(204);
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
      expect(res.headers.get('access-control-allow-credentials')).toBeNull();
      expect(allowed(res)).toContain('content-type');
      expect(allowed(res)).not.toContain('authorization');
      const query = await post(gateway.url, OTHER, '{ gateway { version } }');
      expect(query.headers.get('access-control-allow-origin')).toBe('*');
    });
  });

  describe('only listed origins', () => {
    let gateway: TestGateway;
    beforeAll(async () => {
      gateway = await startTestGateway({ CORS_ORIGINS: `${APP},https://app.example.org` });
    });
    afterAll(() => gateway.stop());

    it('refuses an origin that is not listed', async () => {
      const res = await preflight(gateway.url, OTHER, 'content-type');
      expect(res.status).toBe(204);
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
      expect((await preflight(gateway.url, 'https://app.example.org', 'content-type')).headers.get('access-control-allow-origin')).toBe('https://app.example.org');
    });
  });

  it('refuses to start with an entry that is not an origin, naming it', async () => {
    await expect(startTestGateway({ CORS_ORIGINS: 'http://localhost:3000/app' })).rejects.toThrow(/CORS_ORIGINS.*"http:\/\/localhost:3000\/app" is not an origin/);
  });
});
