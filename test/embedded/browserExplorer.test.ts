import type { Browser } from 'playwright-core';
import { describeWithBrowser, launchChromium } from '../support/browser';
import { startTestGateway, type TestGateway } from '../support/testGateway';

jest.setTimeout(120_000);

/**
 * The offline explorer as a person opens it: Chromium loads GET /graphql, GraphiQL renders from this server's files
 * alone (no request leaves the gateway's origin), the page's Content-Security-Policy blocks nothing it needs, and
 * running the default query shows the gateway's answer.
 */
describeWithBrowser('the offline GraphiQL explorer in Chromium', () => {
  let browser: Browser;
  let gateway: TestGateway;

  beforeAll(async () => {
    gateway = await startTestGateway();
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await gateway?.stop();
  });

  it('renders from same-origin files, shows the default query and runs it', async () => {
    const page = await browser.newPage();
    const origin = new URL(gateway.url).origin;
    const foreign: string[] = [];
    const problems: string[] = [];
    page.on('request', (req) => {
      if (!req.url().startsWith(origin) && !req.url().startsWith('data:')) foreign.push(req.url());
    });
    page.on('console', (msg) => {
      if (msg.type() === 'error') problems.push(msg.text());
    });
    page.on('pageerror', (err) => problems.push(err.message));
    await page.goto(gateway.url, { waitUntil: 'load' });
    const editor = page.locator('.graphiql-query-editor');
    await editor.waitFor({ timeout: 30_000 });
    // The default query (static/explorer/default-query.graphql) reached GraphiQL through the page's data attribute.
    await expect(editor.innerText()).resolves.toContain('version');
    await page.locator('.graphiql-execute-button').click();
    const response = page.locator('.graphiql-response');
    await page.waitForFunction(`document.querySelector('.graphiql-response')?.textContent?.includes('"version"')`, undefined, { timeout: 30_000 });
    expect(await response.innerText()).toMatch(/"version": "\d+\.\d+\.\d+/);
    expect(foreign).toEqual([]);
    expect(problems.filter((p) => /Content Security Policy|Refused to/i.test(p))).toEqual([]);
    expect(problems.filter((p) => !/favicon/i.test(p))).toEqual([]);
    await page.close();
  });
});
