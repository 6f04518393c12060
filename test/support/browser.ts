import { existsSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Browser, chromium } from 'playwright-core';

/** Where scripts/browser installs Debian's Chromium (CHROMIUM_PATH overrides). */
export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/**
 * `describe` for tests that drive a real browser. Without Chromium: with CI=true the block becomes one failing test
 * saying how to install it; outside CI it is skipped, with a loud line on stderr.
 */
export function describeWithBrowser(name: string, fn: () => void): void {
  if (existsSync(CHROMIUM_PATH)) {
    describe(name, fn);
  } else if (process.env['CI'] === 'true') {
    describe(name, () => {
      it('needs Chromium', () => {
        throw new Error(`no Chromium at ${CHROMIUM_PATH} (run: scripts/browser install)`);
      });
    });
  } else {
    process.stderr.write(`\n!!! no Chromium at ${CHROMIUM_PATH}: browser tests are SKIPPED (run: scripts/browser install)\n`);
    describe.skip(`${name} (no Chromium)`, fn);
  }
}

/** Headless Chromium with the flags a closed network needs (no background connections, no updates). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** A web app's origin: serves `html` at `/` on loopback, as `http://localhost:<port>`. */
export async function serveApp(html: string): Promise<{ origin: string; close: () => Promise<void> }> {
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://localhost:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
