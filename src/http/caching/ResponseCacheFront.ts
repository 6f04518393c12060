import type http from 'node:http';
import fresh from 'fresh';
import { LRUCache } from 'lru-cache';
import vary from 'vary';
import type { Cache } from '../../../datasources/cache/Cache';
import { cacheKey, RESPONSE_CACHE_GENERATION_KEY } from '../../../datasources/cache/cacheKeys';
import { ResponseCacheGeneration } from '../../../datasources/cache/ResponseCacheGeneration';
import { currentRequestScope, type RequestScope } from '../../core/requestScope';
import type { NodeHandler } from '../middleware/nodeHandler';
import { handOverBody } from '../middleware/preReadBody';
import { type CachedResponse, decodeCachedResponse, encodeCachedResponse, sharedMaxAge } from './cachedResponse';
import { type CacheableRequest, cacheableRequestOf, responseCacheKey } from './responseCacheRequest';

/** Serialized responses larger than this are not stored (they would crowd the cache's byte budget). */
export const RESPONSE_CACHE_MAX_ENTRY_BYTES = 512 * 1024;

/** What a GraphQL answer is sent as (anything else — a page, a file — is never stored). */
const GRAPHQL_MEDIA_TYPE = /^application\/(graphql-response\+)?json\b/i;

/** Bytes of decoded entries the front keeps: the hottest answers (a value counts its text twice, its bytes once). */
const RECENT_ENTRIES_BYTES = 8 * 1024 * 1024;

/** An entry as read, as it is answered. */
interface DecodedEntry {
  /** The cache's value it was decoded from (a value that differs is decoded again). */
  readonly stored: string;
  readonly entry: CachedResponse;
  readonly body: Buffer;
  /** When its max-age runs out (ms since the epoch). */
  readonly expiresAt: number;
}

export interface ResponseCacheFrontOptions {
  readonly cache: Cache;
  readonly graphqlPath: string;
  /** GRAPHQL_BODY_LIMIT: no body longer is read here (Express answers it). */
  readonly bodyLimitBytes: number;
  /** The endpoint's CORS policy: a hit carries the same CORS headers as any answer. */
  readonly cors: NodeHandler;
  /** The operation's metrics label from its name (the label set observabilityPlugin uses). */
  readonly labelOf: (name: string | undefined) => string;
}

/**
 * The response cache, in front of Express and Apollo: a repeated anonymous query is answered from the gateway's
 * cache (Redis or LRU) before anything parses, validates or plans it.
 *
 * - A request it may look up (see cacheableRequestOf) is keyed by its exact bytes (responseCacheKey); one MGET
 *   reads the current ResponseCacheGeneration and the entry. An entry of the current generation is a hit: the
 *   stored body with its stored Content-Type, Cache-Control, ETag and Vary, an `Age`, the request's own id and CORS
 *   headers; a GET whose If-None-Match holds the ETag is answered 304, as Express would.
 * - Anything else goes on to Express (a POST's body, read here, handed over parsed); its answer is stored when it is
 *   a complete 200 whose Cache-Control lets a shared cache keep it (`max-age=N, public`: no errors, no credentials,
 *   no mutation, no max-age-0 field — src/http/caching/cachePolicyPlugin.ts), for N seconds, under the generation
 *   read when the request started: a write during its execution makes it a miss, never a stale hit.
 * A write bumps the generation (src/writes/afterWrite.ts), so every entry stored before it is never read again.
 * The request's scope, span and log line are the same either way (they run before this).
 */
export class ResponseCacheFront {
  private readonly generation: ResponseCacheGeneration;
  /** The last entries read, decoded, within RECENT_ENTRIES_BYTES. */
  private readonly recent = new LRUCache<string, DecodedEntry>({
    maxSize: RECENT_ENTRIES_BYTES,
    sizeCalculation: (decoded) => 2 * decoded.stored.length + decoded.body.byteLength,
  });

  constructor(private readonly options: ResponseCacheFrontOptions) {
    this.generation = new ResponseCacheGeneration(options.cache);
    this.generation.hold();
  }

  readonly handler: NodeHandler = (req, res, next) => {
    const request = cacheableRequestOf(req, this.options.graphqlPath, this.options.bodyLimitBytes);
    if (!request) {
      next();
      return;
    }
    void this.serve(req, res, request, next);
  };

  private async serve(req: http.IncomingMessage, res: http.ServerResponse, request: CacheableRequest, next: () => void): Promise<void> {
    const body = request.method === 'POST' ? await readBody(req, request.bodyBytes) : undefined;
    // The client went away while sending: nothing to answer.
    if (request.method === 'POST' && body === undefined) return;
    const key = cacheKey('response', responseCacheKey(req, body));
    // A hot entry of the generation held in memory: no round trip at all.
    const held = this.generation.held();
    const known = held === undefined ? undefined : this.recent.get(key);
    if (known && known.entry.generation === held && known.expiresAt > Date.now()) {
      this.options.cors(req, res, () => this.answer(req, res, known));
      return;
    }
    let generation: string;
    try {
      const heard = this.generation.heardCount;
      const [current, stored] = await this.options.cache.getMany([RESPONSE_CACHE_GENERATION_KEY, key]);
      if (current !== undefined) this.generation.remember(current, heard);
      const hit = stored === undefined ? undefined : this.decoded(key, stored);
      if (current !== undefined && hit?.entry.generation === current) {
        this.options.cors(req, res, () => this.answer(req, res, hit));
        return;
      }
      generation = current ?? (await this.generation.bump());
    } catch {
      // The gateway's cache answers its own failures as misses; anything else still leaves the request to Express.
      if (body) handOverBody(req, body);
      next();
      return;
    }
    if (body) handOverBody(req, body);
    this.storeWhenCacheable(res, key, generation, currentRequestScope());
    next();
  }

  /**
   * The entry a stored value holds, with its body as bytes: the last values read are kept decoded (a hot entry is
   * neither parsed nor encoded to UTF-8 again while it is the value the cache holds).
   */
  private decoded(key: string, stored: string): DecodedEntry | undefined {
    const known = this.recent.get(key);
    if (known?.stored === stored) return known;
    const entry = decodeCachedResponse(stored);
    if (!entry) return undefined;
    return this.keep(key, stored, entry);
  }

  /** Keeps an entry decoded (until its max-age runs out) and answers it. */
  private keep(key: string, stored: string, entry: CachedResponse): DecodedEntry {
    const decoded = { stored, entry, body: Buffer.from(entry.body, 'utf8'), expiresAt: entry.storedAt + 1000 * (sharedMaxAge(entry.cacheControl) ?? 0) };
    this.recent.set(key, decoded);
    return decoded;
  }

  /** Stops holding the generation in memory (the server stops). */
  close(): void {
    this.generation.release();
  }

  /** A hit: the stored answer, as Express and Apollo sent it, with this request's id, CORS headers and an Age. */
  private answer(req: http.IncomingMessage, res: http.ServerResponse, { entry, body }: DecodedEntry): void {
    const scope = currentRequestScope();
    if (scope) {
      scope.graphql = true;
      scope.operation = this.options.labelOf(entry.operationName);
      scope.operationName = entry.operationName ?? 'anonymous';
    }
    res.statusCode = 200;
    res.setHeader('content-type', entry.contentType);
    res.setHeader('cache-control', entry.cacheControl);
    if (entry.vary !== undefined) vary(res, entry.vary);
    if (entry.etag !== undefined) res.setHeader('etag', entry.etag);
    res.setHeader('age', String(Math.max(0, Math.floor((Date.now() - entry.storedAt) / 1000))));
    if (req.method === 'GET' && entry.etag !== undefined && fresh(req.headers, { etag: entry.etag })) {
      res.statusCode = 304;
      res.end();
      return;
    }
    res.setHeader('content-length', body.byteLength);
    res.end(body);
  }

  /** Watches the response Express sends for this request and stores it if it may be shared (see the class comment). */
  private storeWhenCacheable(res: http.ServerResponse, key: string, generation: string, scope: RequestScope | undefined): void {
    const { cache } = this.options;
    let streamed = false;
    const write = res.write.bind(res) as (...args: unknown[]) => boolean;
    const end = res.end.bind(res) as (...args: unknown[]) => http.ServerResponse;
    (res as { write: unknown }).write = (...args: unknown[]) => {
      streamed = true;
      return write(...args);
    };
    (res as { end: unknown }).end = (...args: unknown[]) => {
      const entry = streamed ? undefined : cacheableEntry(res, args[0], generation, scope);
      const maxAge = sharedMaxAge(entry?.cacheControl);
      if (entry && maxAge !== undefined) {
        const value = encodeCachedResponse(entry);
        this.keep(key, value, entry);
        void cache.setMany([{ key, value, ttlSeconds: maxAge }]);
      }
      return end(...args);
    };
  }
}

/** The entry a finished response makes, or undefined when it is not a whole 200 that a shared cache may keep. */
function cacheableEntry(res: http.ServerResponse, chunk: unknown, generation: string, scope: RequestScope | undefined): CachedResponse | undefined {
  if (res.statusCode !== 200 || (scope && scope.errorCodes.length > 0)) return undefined;
  const cacheControl = headerText(res, 'cache-control');
  if (sharedMaxAge(cacheControl) === undefined || cacheControl === undefined) return undefined;
  const body = typeof chunk === 'string' ? chunk : chunk instanceof Uint8Array ? Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString('utf8') : undefined;
  const contentType = headerText(res, 'content-type');
  if (body === undefined || contentType === undefined || !GRAPHQL_MEDIA_TYPE.test(contentType) || Buffer.byteLength(body) > RESPONSE_CACHE_MAX_ENTRY_BYTES) return undefined;
  const varyFields = headerText(res, 'vary')
    ?.split(',')
    .map((field) => field.trim())
    .filter((field) => field !== '' && field.toLowerCase() !== 'origin')
    .join(', ');
  return {
    generation,
    storedAt: Date.now(),
    contentType,
    cacheControl,
    etag: headerText(res, 'etag'),
    vary: varyFields === '' ? undefined : varyFields,
    operationName: scope?.operation === 'anonymous' ? undefined : scope?.operationName,
    body,
  };
}

function headerText(res: http.ServerResponse, name: string): string | undefined {
  const value = res.getHeader(name);
  return value === undefined ? undefined : Array.isArray(value) ? value.join(', ') : String(value);
}

/** A request's whole body (its Content-Length was checked: at most `bytes`), or undefined if the client went away first. */
function readBody(req: http.IncomingMessage, bytes: number): Promise<Buffer | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= bytes) chunks.push(chunk);
    });
    req.once('end', () => resolve(Buffer.concat(chunks)));
    req.once('error', () => resolve(undefined));
    req.once('close', () => {
      if (!req.complete) resolve(undefined);
    });
  });
}
