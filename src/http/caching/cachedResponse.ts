/**
 * One answer of the response cache as it is stored: the response's bytes (as text: GraphQL answers are UTF-8
 * JSON) and the headers that belong to it rather than to one request, with the generation it was computed under.
 */
export interface CachedResponse {
  /** The ResponseCacheGeneration current when the request that computed it started. */
  readonly generation: string;
  /** When it was stored (ms since the epoch): the `Age` of a hit. */
  readonly storedAt: number;
  readonly contentType: string;
  /** As the response was sent (`max-age=N, public`). */
  readonly cacheControl: string;
  readonly etag: string | undefined;
  /** The response's own `Vary` fields (the CORS policy adds `Origin` per request). */
  readonly vary: string | undefined;
  /** The operation's name, for the hit's log line and metric label. */
  readonly operationName: string | undefined;
  readonly body: string;
}

/** The stored form: one line of JSON holding everything but the body, then the body as it is (no escaping of 10 KB of JSON). */
export function encodeCachedResponse(entry: CachedResponse): string {
  const { body, ...head } = entry;
  return `${JSON.stringify(head)}\n${body}`;
}

/** The entry back, or undefined for anything that is not one (an entry of an older layout is a miss, never an error). */
export function decodeCachedResponse(stored: string): CachedResponse | undefined {
  const newline = stored.indexOf('\n');
  if (newline === -1) return undefined;
  let head: unknown;
  try {
    head = JSON.parse(stored.slice(0, newline));
  } catch {
    return undefined;
  }
  if (!isHead(head)) return undefined;
  return { ...head, body: stored.slice(newline + 1) };
}

function isHead(value: unknown): value is Omit<CachedResponse, 'body'> {
  if (typeof value !== 'object' || value === null) return false;
  const head = value as Record<string, unknown>;
  const optionalText = (key: string) => head[key] === undefined || typeof head[key] === 'string';
  return (
    typeof head['generation'] === 'string' &&
    typeof head['storedAt'] === 'number' &&
    typeof head['contentType'] === 'string' &&
    typeof head['cacheControl'] === 'string' &&
    optionalText('etag') &&
    optionalText('vary') &&
    optionalText('operationName')
  );
}

/** The max-age (seconds) of a `Cache-Control` value a shared cache may keep (`max-age=N, public`, N > 0), else undefined. */
export function sharedMaxAge(cacheControl: string | undefined): number | undefined {
  const match = cacheControl === undefined ? null : /^max-age=(\d+), public$/.exec(cacheControl);
  const seconds = match ? Number(match[1]) : 0;
  return seconds > 0 ? seconds : undefined;
}
