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
 * The pages, their bootstrap scripts, CSS, default query and Content-Security-Policies are static files in
 * static/explorer/, read once at start. Security: the pages contain no inline script at all (the bootstraps are served
 * as same-origin files), and echo nothing from the request. The GraphiQL page's Content-Security-Policy allows only 'self' (plus data: fonts
 * and images from GraphiQL's CSS, and inline styles: GraphiQL's dialogs inject a <style> element at run time to lock
 * scrolling, which a strict style-src blocks, as checked in headless Chromium).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type express from 'express';
import { projectRoot } from '../../core/projectRoot';

/** Where the explorer's JS/CSS are served (independent of the GraphQL path, so it never reaches Apollo). */
export const EXPLORER_ASSET_PREFIX = '/explorer/assets';

/** The explorer's own files: pages, bootstraps, CSS, default query, CSPs. */
function staticFile(name: string): string {
  return path.join(projectRoot(), 'static', 'explorer', name);
}

interface Asset {
  /** Served at `${EXPLORER_ASSET_PREFIX}/${name}`. */
  readonly name: string;
  readonly contentType: string;
  readonly file: string;
  /** Cache-busting token appended as ?v= (package version or content hash). */
  readonly version: string;
}

/** Absolute path of `relative` inside the installed package `pkg` (resolved from this module, so it works from src/ and dist/). */
function packageAsset(name: string, contentType: string, pkg: string, relative: string): Asset {
  const manifestPath = require.resolve(`${pkg}/package.json`);
  const file = path.join(path.dirname(manifestPath), relative);
  if (!existsSync(file)) {
    throw new Error(`explorer: ${pkg} has no ${relative} (installed version changed? GraphiQL needs graphiql@4 and react@18 UMD builds)`);
  }
  const { version } = JSON.parse(readFileSync(manifestPath, 'utf8')) as { version: string };
  return { name, contentType, file, version };
}

function ownAsset(name: string, contentType: string): Asset {
  const file = staticFile(name);
  return { name, contentType, file, version: createHash('sha256').update(readFileSync(file)).digest('hex').slice(0, 12) };
}

const JS = 'text/javascript; charset=utf-8';
const CSS = 'text/css; charset=utf-8';

function loadAssets(): Asset[] {
  return [
    packageAsset('react.production.min.js', JS, 'react', 'umd/react.production.min.js'),
    packageAsset('react-dom.production.min.js', JS, 'react-dom', 'umd/react-dom.production.min.js'),
    packageAsset('graphiql.min.js', JS, 'graphiql', 'graphiql.min.js'),
    packageAsset('graphiql.min.css', CSS, 'graphiql', 'graphiql.min.css'),
    ownAsset('explorer.css', CSS),
    ownAsset('graphiql-bootstrap.js', JS),
    ownAsset('sandbox-bootstrap.js', JS),
  ];
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * A page from static/explorer with its placeholders filled: `{{endpoint}}`, `{{sandboxUrl}}`, `{{defaultQuery}}`
 * (HTML-escaped) and `{{asset:<name>}}` (the asset's versioned URL). A placeholder left unknown fails the start.
 */
function renderPage(name: string, values: Readonly<Record<string, string>>, assets: readonly Asset[]): string {
  const byName = new Map(assets.map((a) => [a.name, a]));
  return readFileSync(staticFile(name), 'utf8').replace(/\{\{(asset:)?([\w.-]+)\}\}/g, (_whole, isAsset: string | undefined, key: string) => {
    if (isAsset) {
      const asset = byName.get(key);
      if (!asset) throw new Error(`explorer: ${name} names an unknown asset ${key}`);
      return `${EXPLORER_ASSET_PREFIX}/${asset.name}?v=${encodeURIComponent(asset.version)}`;
    }
    const value = values[key];
    if (value === undefined) throw new Error(`explorer: ${name} has an unknown placeholder {{${key}}}`);
    return escapeHtml(value);
  });
}

/** The pages' Content-Security-Policy headers (static/explorer/csp.json). */
function loadCsp(): { readonly graphiql: string; readonly sandbox: string } {
  const directives = JSON.parse(readFileSync(staticFile('csp.json'), 'utf8')) as { graphiql: string[]; sandbox: string[] };
  return { graphiql: directives.graphiql.join('; '), sandbox: directives.sandbox.join('; ') };
}

/** The document GraphiQL and Sandbox open with when the browser has no saved session. */
export function explorerDefaultQuery(): string {
  return readFileSync(staticFile('default-query.graphql'), 'utf8');
}

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
  const values = { endpoint: graphqlPath, sandboxUrl: `${graphqlPath}?sandbox=1`, defaultQuery: explorerDefaultQuery() };
  const graphiqlPage = renderPage('graphiql.html', values, assets);
  const sandboxPage = renderPage('sandbox.html', values, assets);
  const csp = loadCsp();

  for (const asset of assets) {
    app.get(`${EXPLORER_ASSET_PREFIX}/${asset.name}`, (_req, res, next) => {
      res.setHeader('X-Content-Type-Options', 'nosniff');
      // dotfiles: 'allow' because the fixed path may run through a dot-folder (e.g. ~/.local/...).
      res.sendFile(asset.file, { maxAge: '1d', dotfiles: 'allow', headers: { 'Content-Type': asset.contentType } }, (err) => {
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
    res.setHeader('Content-Security-Policy', sandbox ? csp.sandbox : csp.graphiql);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cache-Control', 'no-cache');
    res.type('html').send(sandbox ? sandboxPage : graphiqlPage);
  });
}
