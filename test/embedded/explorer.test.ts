import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { mountExplorer } from '../../src/http/routes/explorer';

const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

/** The explorer on a tiny express app (a stub stands in for Apollo), on an ephemeral loopback port. */
describe('offline GraphiQL explorer (embedded)', () => {
  let server: http.Server;
  let base: string;
  beforeAll(async () => {
    const app = express();
    mountExplorer(app, '/graphql');
    app.use('/graphql', (req, res) => {
      res.json({ stub: true, method: req.method });
    });
    server = http.createServer(app);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', resolve);
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const get = (path: string, accept = BROWSER_ACCEPT) => fetch(new URL(path, base), { headers: { accept } });

  /** `src`/`href` values of `<script src>` and `<link ... href>` elements (stylesheets and icons). */
  function referencedUrls(html: string): { scripts: string[]; stylesheets: string[] } {
    const scripts = [...html.matchAll(/<script\b[^>]*\bsrc="([^"]*)"/g)].map((m) => m[1] as string);
    const stylesheets = [...html.matchAll(/<link\b[^>]*\brel="stylesheet"[^>]*\bhref="([^"]*)"/g)].map((m) => m[1] as string);
    return { scripts, stylesheets };
  }

  it('serves GraphiQL to a browser at GET /graphql, with no CDN URL anywhere in the page', async () => {
    const res = await get('/graphql');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).toContain('id="graphiql"');
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/(src|href)="\/\//);
    expect(html).toContain('data-sandbox-url="/graphql?sandbox=1"');
    const { scripts, stylesheets } = referencedUrls(html);
    expect(scripts.length).toBeGreaterThanOrEqual(4);
    expect(stylesheets.length).toBeGreaterThanOrEqual(1);
    // No inline script: every <script> element has a same-origin src.
    expect(html.match(/<script\b/g)?.length).toBe(scripts.length);
  });

  it('sets a Content-Security-Policy that only allows same-origin scripts', async () => {
    const res = await get('/graphql');
    const csp = res.headers.get('content-security-policy') ?? '';
    const directives = new Map(csp.split(';').map((d) => { const [name = '', ...values] = d.trim().split(/\s+/); return [name, values]; }));
    expect(directives.get('default-src')).toEqual(["'none'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('connect-src')).toEqual(["'self'"]);
    expect(csp).not.toMatch(/https?:|unsafe-eval/);
    expect(res.headers.get('vary')).toMatch(/accept/i);
  });

  it('serves every referenced script and stylesheet from this server with a JS/CSS content type', async () => {
    const html = await (await get('/graphql')).text();
    const { scripts, stylesheets } = referencedUrls(html);
    const check = async (url: string, type: RegExp, minBytes: number) => {
      const res = await get(url, '*/*');
      expect({ url, status: res.status }).toEqual({ url, status: 200 });
      expect(res.headers.get('content-type')).toMatch(type);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(minBytes);
    };
    for (const url of scripts) await check(url, /javascript/, 200);
    for (const url of stylesheets) await check(url, /^text\/css/, 100);
    // The third-party bundles are the real thing, not stubs.
    const big = scripts.filter((u) => /graphiql\.min\.js|react-dom/.test(u));
    expect(big).toHaveLength(2);
    for (const url of big) await check(url, /javascript/, 100_000);
  });

  it('lets GraphQL-over-HTTP GET requests and JSON clients through to Apollo', async () => {
    for (const res of [
      await get('/graphql?query=%7B__typename%7D'),
      await get('/graphql?extensions=%7B%7D'),
      await get('/graphql', 'application/json'),
      await get('/graphql', 'application/graphql-response+json, application/json;q=0.9'),
      await get('/graphql', '*/*'),
    ]) {
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ stub: true, method: 'GET' });
    }
    const post = await fetch(new URL('/graphql', base), {
      method: 'POST',
      headers: { accept: BROWSER_ACCEPT, 'content-type': 'application/json' },
      body: '{"query":"{__typename}"}',
    });
    expect(await post.json()).toEqual({ stub: true, method: 'POST' });
  });

  it('serves the Apollo Sandbox page for online users at /graphql?sandbox=1', async () => {
    const res = await get('/graphql?sandbox=1');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).toContain('id="embeddableSandbox"');
    expect(html).toContain('embeddable-sandbox.umd.production.min.js');
    expect(html).toContain('href="/graphql"'); // back to the offline explorer
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain('https://embeddable-sandbox.cdn.apollographql.com');
    expect(csp).toContain('frame-src https://sandbox.embed.apollographql.com');
    for (const url of referencedUrls(html).scripts.filter((u) => u.startsWith('/'))) {
      expect((await get(url, '*/*')).status).toBe(200);
    }
  });

  it('echoes nothing from the request into the pages', async () => {
    const probe = '<script>alert(1)</script>';
    const html = await (await get(`/graphql?sandbox=${encodeURIComponent(probe)}&x=${encodeURIComponent(probe)}`)).text();
    expect(html).not.toContain('alert(1)');
  });

  it('rejects a GraphQL path that is not absolute', () => {
    expect(() => mountExplorer(express(), 'graphql')).toThrow(/must start with/);
  });
});
