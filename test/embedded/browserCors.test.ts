import type { Browser, Page } from 'playwright-core';
import { describeWithBrowser, launchChromium, serveApp } from '../support/browser';
import { startTestGateway, type TestGateway } from '../support/testGateway';
import { testToken } from '../support/testTokens';

jest.setTimeout(120_000);

/** What the page's fetch gave: the parsed JSON, or the error a browser raises when CORS forbids the call. */
type Outcome = { ok: true; body: { data?: unknown; errors?: { extensions: { code: string } }[] } } | { ok: false; error: string };

/** Runs README's browser snippet in the page: a POST of `query` to the gateway, with a bearer token when given. */
function fetchFromPage(page: Page, url: string, query: string, token?: string): Promise<Outcome> {
  return page.evaluate(
    async ({ url, query, token }): Promise<Outcome> => {
      try {
        const res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
          body: JSON.stringify({ query }),
        });
        return { ok: true, body: (await res.json()) as Extract<Outcome, { ok: true }>['body'] };
      } catch (err) {
        return { ok: false, error: String(err) };
      }
    },
    { url, query, token },
  );
}

describeWithBrowser('a web app on another origin calls the gateway from Chromium', () => {
  let browser: Browser;
  let app: Awaited<ReturnType<typeof serveApp>>;
  let page: Page;

  beforeAll(async () => {
    app = await serveApp('<!DOCTYPE html><title>app</title><p>web app</p>');
    browser = await launchChromium();
    page = await browser.newPage();
    await page.goto(app.origin);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  describe('with the app origin listed in CORS_ORIGINS', () => {
    let gateway: TestGateway;
    beforeAll(async () => {
      gateway = await startTestGateway({ CORS_ORIGINS: app.origin });
    });
    afterAll(() => gateway.stop());

    it('runs an anonymous query', async () => {
      const outcome = await fetchFromPage(page, gateway.url, '{ works(first: 2) { nodes { id } } }');
      expect(outcome).toMatchObject({ ok: true, body: { data: { works: { nodes: [expect.anything(), expect.anything()] } } } });
    });

    it('sends an editor\'s token with a mutation (the request reaches the gateway authenticated)', async () => {
      const token = await testToken('editor');
      const outcome = await fetchFromPage(page, gateway.url, 'mutation { requeueDeadLetters }', token);
      // An editor may not requeue dead letters: FORBIDDEN proves the token arrived (without it: UNAUTHENTICATED).
      expect(outcome).toMatchObject({ ok: true, body: { errors: [{ extensions: { code: 'FORBIDDEN' } }] } });
    });
  });

  describe('with CORS_ORIGINS=* (any origin, anonymous only)', () => {
    let gateway: TestGateway;
    beforeAll(async () => {
      gateway = await startTestGateway({ CORS_ORIGINS: '*' });
    });
    afterAll(() => gateway.stop());

    it('runs an anonymous query but refuses to send a token', async () => {
      expect(await fetchFromPage(page, gateway.url, '{ gateway { version } }')).toMatchObject({ ok: true });
      const token = await testToken('editor');
      expect(await fetchFromPage(page, gateway.url, '{ gateway { version } }', token)).toEqual({ ok: false, error: 'TypeError: Failed to fetch' });
    });
  });

  describe('with the default (no CORS_ORIGINS)', () => {
    let gateway: TestGateway;
    beforeAll(async () => {
      gateway = await startTestGateway();
    });
    afterAll(() => gateway.stop());

    it('the browser refuses the call', async () => {
      expect(await fetchFromPage(page, gateway.url, '{ gateway { version } }')).toEqual({ ok: false, error: 'TypeError: Failed to fetch' });
    });
  });
});
