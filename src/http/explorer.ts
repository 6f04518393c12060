/**
 * An API explorer at the GraphQL URL that works fully offline, plus a link to Apollo Sandbox for users who are online.
 *
 * Apollo Server's default landing page loads Apollo Sandbox from Apollo's CDN, which air-gapped machines and many
 * company networks cannot reach. Here a browser that opens `GET <graphqlPath>` gets GraphiQL instead, every byte of
 * which comes from this server; `GET <graphqlPath>?sandbox=1` still serves the embedded Apollo Sandbox (loaded
 * from Apollo's CDN, so only for users who are online).
 *
 * Why GraphiQL 4's UMD bundle: `graphiql@4` (official graphql/graphiql; 4.1.2 is from March 2026) is the last major
 * that ships a prebuilt, self-contained browser bundle (`graphiql.min.js`, with its fonts and images inlined as
 * data: URLs in `graphiql.min.css`). Upstream marks that UMD build deprecated and GraphiQL 5 dropped it, hence the
 * `^4` range: moving to 5 means adding a bundler. It only needs React 18's UMD builds as globals,
 * which `react@18` / `react-dom@18` ship (`umd/*.production.min.js`; React 19 dropped UMD). GraphiQL 5 is ESM-only
 * with Monaco web workers and would need a frontend build step; `@graphql-yoga/graphiql` bundles GraphiQL 5 in a
 * 5 MB UMD but pulls graphql@17 and React 19 in as runtime dependencies. So: three npm packages, served straight
 * out of node_modules (resolved with require.resolve, never copied into the repository), no build step.
 *
 * Security: the pages contain no inline script at all (the bootstraps below are served as same-origin files), and
 * echo nothing from the request. The GraphiQL page's Content-Security-Policy allows only 'self' (plus data: fonts
 * and images from GraphiQL's CSS, and inline styles: GraphiQL's dialogs inject a <style> element at run time to lock
 * scrolling, which a strict style-src blocks, as checked in headless Chromium).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type express from 'express';

/** Where the explorer's JS/CSS are served (independent of the GraphQL path, so it never reaches Apollo). */
export const EXPLORER_ASSET_PREFIX = '/explorer/assets';

/** Apollo's embeddable Sandbox (same CDN and major version as @apollo/server 5's own landing page). */
const SANDBOX_SCRIPT_ORIGIN = 'https://embeddable-sandbox.cdn.apollographql.com';
const SANDBOX_SCRIPT_URL = `${SANDBOX_SCRIPT_ORIGIN}/v2/embeddable-sandbox.umd.production.min.js`;
const SANDBOX_FRAME_ORIGIN = 'https://sandbox.embed.apollographql.com';

/** The document GraphiQL and Sandbox open with when the browser has no saved session. */
export const EXPLORER_DEFAULT_QUERY = `# GraphiQL, served by this gateway (works offline).
# Run: Ctrl-Enter or ▶. Schema docs: book icon.
{
  gateway {
    version
  }
}
`;

/** Served from the strings below: the bootstraps and page styles (no inline <script>/<style> in the pages). */
const GRAPHIQL_BOOTSTRAP = `'use strict';
(function () {
  var root = document.getElementById('graphiql');
  var endpoint = new URL(root.getAttribute('data-endpoint'), window.location.href).href;
  var sandboxUrl = root.getAttribute('data-sandbox-url');
  var e = React.createElement;
  var logo = e(
    GraphiQL.Logo,
    null,
    e('span', null, 'GraphiQL '),
    e('a', { className: 'explorer-sandbox-link', href: sandboxUrl, title: 'Apollo Sandbox loads from Apollo\\u2019s CDN: online users only' }, 'Apollo Sandbox \\u2197')
  );
  ReactDOM.createRoot(root).render(
    e(
      GraphiQL,
      {
        fetcher: GraphiQL.createFetcher({ url: endpoint }),
        defaultQuery: ${JSON.stringify(EXPLORER_DEFAULT_QUERY)},
        shouldPersistHeaders: false
      },
      logo
    )
  );
})();
`;

const SANDBOX_BOOTSTRAP = `'use strict';
(function () {
  var target = document.getElementById('embeddableSandbox');
  var endpoint = new URL(target.getAttribute('data-endpoint'), window.location.href).href;
  if (typeof window.EmbeddedSandbox !== 'function') {
    document.getElementById('sandbox-status').textContent =
      'Apollo Sandbox could not be loaded from Apollo\\u2019s CDN: this browser appears to be offline or the CDN is blocked.';
    return;
  }
  new window.EmbeddedSandbox({
    target: '#embeddableSandbox',
    initialEndpoint: endpoint,
    initialState: { document: ${JSON.stringify(EXPLORER_DEFAULT_QUERY)} },
    endpointIsEditable: false,
    allowDynamicStyles: false
  });
})();
`;

const EXPLORER_CSS = `html, body { height: 100%; margin: 0; }
#graphiql { height: 100vh; }
.explorer-sandbox-link { font-size: 0.6em; margin-left: 0.5em; white-space: nowrap; }
.explorer-fallback { font-family: system-ui, sans-serif; padding: 1em 2em; }
#embeddableSandbox { position: absolute; inset: 0; width: 100vw; height: 100vh; }
#embeddableSandbox iframe { background-color: white; border: none; height: 100%; width: 100%; }
`;

interface Asset {
  /** Served at `${EXPLORER_ASSET_PREFIX}/${name}`. */
  readonly name: string;
  readonly contentType: string;
  /** Either a file (from an installed package) or text held here. */
  readonly file?: string;
  readonly text?: string;
  /** Cache-busting token appended as ?v= (package version or content hash). */
  readonly version: string;
}

/** Absolute path of `relative` inside the installed package `pkg` (resolved from this module, so it works from src/ and dist/). */
function packageFile(pkg: string, relative: string): { file: string; version: string } {
  const manifestPath = require.resolve(`${pkg}/package.json`);
  const file = path.join(path.dirname(manifestPath), relative);
  if (!existsSync(file)) {
    throw new Error(`explorer: ${pkg} has no ${relative} (installed version changed? GraphiQL needs graphiql@4 and react@18 UMD builds)`);
  }
  const { version } = JSON.parse(readFileSync(manifestPath, 'utf8')) as { version: string };
  return { file, version };
}

function textAsset(name: string, contentType: string, text: string): Asset {
  return { name, contentType, text, version: createHash('sha256').update(text).digest('hex').slice(0, 12) };
}

function fileAsset(name: string, contentType: string, pkg: string, relative: string): Asset {
  return { name, contentType, ...packageFile(pkg, relative) };
}

const JS = 'text/javascript; charset=utf-8';
const CSS = 'text/css; charset=utf-8';

function loadAssets() {
  return {
    react: fileAsset('react.production.min.js', JS, 'react', 'umd/react.production.min.js'),
    reactDom: fileAsset('react-dom.production.min.js', JS, 'react-dom', 'umd/react-dom.production.min.js'),
    graphiqlJs: fileAsset('graphiql.min.js', JS, 'graphiql', 'graphiql.min.js'),
    graphiqlCss: fileAsset('graphiql.min.css', CSS, 'graphiql', 'graphiql.min.css'),
    explorerCss: textAsset('explorer.css', CSS, EXPLORER_CSS),
    graphiqlBootstrap: textAsset('graphiql-bootstrap.js', JS, GRAPHIQL_BOOTSTRAP),
    sandboxBootstrap: textAsset('sandbox-bootstrap.js', JS, SANDBOX_BOOTSTRAP),
  } as const;
}

function assetUrl(asset: Asset): string {
  return `${EXPLORER_ASSET_PREFIX}/${asset.name}?v=${encodeURIComponent(asset.version)}`;
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const GRAPHIQL_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'self'",
].join('; ');

const SANDBOX_CSP = [
  "default-src 'none'",
  `script-src 'self' ${SANDBOX_SCRIPT_ORIGIN}`,
  "style-src 'self'",
  "img-src 'self' data:",
  `frame-src ${SANDBOX_FRAME_ORIGIN}`,
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'self'",
].join('; ');

/** GraphQL-over-HTTP GET parameters: a request carrying any of them is an operation, never a page view. */
const OPERATION_PARAMS = ['query', 'extensions', 'operationName', 'variables'];

/** Media types Apollo answers; a page is served only when the client prefers HTML over all of them (like Apollo's own landing page). */
const NEGOTIATED_TYPES = ['application/json', 'application/graphql-response+json', 'multipart/mixed', 'text/html'];

function wantsExplorerPage(req: express.Request): boolean {
  if (req.accepts(NEGOTIATED_TYPES) !== 'text/html') return false;
  const query: object = req.query;
  return !OPERATION_PARAMS.some((name) => Object.hasOwn(query, name));
}

/**
 * Mounts the offline GraphiQL explorer at `GET <graphqlPath>` (browsers only: requests that prefer JSON or carry a
 * GraphQL operation fall through to the next handler, i.e. Apollo), Apollo Sandbox at `GET <graphqlPath>?sandbox=1`,
 * and the explorer's assets under /explorer/assets. Call it before the Apollo middleware.
 */
export function mountExplorer(app: express.Express, graphqlPath: string): void {
  if (!graphqlPath.startsWith('/')) throw new Error(`explorer: graphqlPath must start with "/", got ${JSON.stringify(graphqlPath)}`);
  const assets = loadAssets();
  const endpoint = escapeHtml(graphqlPath);
  const sandboxUrl = escapeHtml(`${graphqlPath}?sandbox=1`);

  const graphiqlPage = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>GraphiQL · OpenAlex gateway</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${assetUrl(assets.graphiqlCss)}">
<link rel="stylesheet" href="${assetUrl(assets.explorerCss)}">
</head>
<body>
<div id="graphiql" data-endpoint="${endpoint}" data-sandbox-url="${sandboxUrl}">
<noscript><p class="explorer-fallback">GraphiQL needs JavaScript. Apollo Sandbox (online only): <a href="${sandboxUrl}">${sandboxUrl}</a></p></noscript>
</div>
<script src="${assetUrl(assets.react)}"></script>
<script src="${assetUrl(assets.reactDom)}"></script>
<script src="${assetUrl(assets.graphiqlJs)}"></script>
<script src="${assetUrl(assets.graphiqlBootstrap)}"></script>
</body>
</html>
`;

  const sandboxPage = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Apollo Sandbox · OpenAlex gateway</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${assetUrl(assets.explorerCss)}">
</head>
<body>
<div class="explorer-fallback">
<p id="sandbox-status">Loading Apollo Sandbox from Apollo’s CDN (needs internet access)…</p>
<p>Offline? Use the <a href="${endpoint}">built-in GraphiQL explorer</a>, which needs no internet access.</p>
</div>
<div id="embeddableSandbox" data-endpoint="${endpoint}"></div>
<script src="${SANDBOX_SCRIPT_URL}"></script>
<script src="${assetUrl(assets.sandboxBootstrap)}"></script>
</body>
</html>
`;

  for (const asset of Object.values(assets) as Asset[]) {
    app.get(`${EXPLORER_ASSET_PREFIX}/${asset.name}`, (_req, res, next) => {
      res.setHeader('X-Content-Type-Options', 'nosniff');
      if (asset.text !== undefined) {
        res.setHeader('Cache-Control', 'public, max-age=86400');
        res.type(asset.contentType).send(asset.text);
        return;
      }
      // dotfiles: 'allow' because the fixed path may run through a dot-folder (e.g. ~/.local/...).
      res.sendFile(asset.file as string, { maxAge: '1d', dotfiles: 'allow', headers: { 'Content-Type': asset.contentType } }, (err) => {
        if (err) next(err);
      });
    });
  }

  app.get(graphqlPath, (req, res, next) => {
    res.vary('Accept');
    if (!wantsExplorerPage(req)) {
      next();
      return;
    }
    const sandbox = Object.hasOwn(req.query as object, 'sandbox');
    res.setHeader('Content-Security-Policy', sandbox ? SANDBOX_CSP : GRAPHIQL_CSP);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cache-Control', 'no-cache');
    res.type('html').send(sandbox ? sandboxPage : graphiqlPage);
  });
}
