/** CORS_ORIGINS, parsed: origins allowed with credentials, and whether any other origin may send anonymous requests. */
export interface CorsSettings {
  /** Exact origins (`https://app.example.org`), allowed to send `Authorization`. */
  readonly origins: readonly string[];
  /** `*` was listed: every other origin may call the gateway, without credentials (anonymous queries only). */
  readonly anyOrigin: boolean;
}

/**
 * Parses CORS_ORIGINS: comma-separated origins (`scheme://host[:port]`, no path) and/or `*`; empty means none.
 * Each is kept as the browser serialises it (lowercase, default port dropped). Throws an Error naming the entry
 * that is not an origin.
 */
export function parseCorsOrigins(value: string): CorsSettings {
  const entries = value
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e !== '');
  const origins: string[] = [];
  let anyOrigin = false;
  for (const entry of entries) {
    if (entry === '*') {
      anyOrigin = true;
      continue;
    }
    let url: URL;
    try {
      url = new URL(entry);
    } catch {
      throw new Error(`"${entry}" is not an origin such as https://app.example.org or http://localhost:3000`);
    }
    const bare = url.pathname === '/' && url.search === '' && url.hash === '' && url.username === '' && url.password === '';
    if (!['http:', 'https:'].includes(url.protocol) || !bare) {
      throw new Error(`"${entry}" is not an origin (scheme, host and port only), e.g. ${url.origin}`);
    }
    origins.push(url.origin);
  }
  return { origins: [...new Set(origins)], anyOrigin };
}
