import type { Point } from '@influxdata/influxdb-client';
import { errorMessage } from '../../src/core/errorMessage';

/** Connection settings for the InfluxDB v1 HTTP API. */
export interface InfluxV1Options {
  readonly url: string;
  readonly database: string;
  /** Sent as `Authorization: Token …` (InfluxDB 2.x/3.x v1 compatibility API); omit on 1.x without auth. */
  readonly token?: string;
  readonly timeoutMs?: number;
  /** The HTTP client (default: the global `fetch`); injectable so a unit test can hand back any Response without a socket. */
  readonly fetch?: typeof fetch;
}

/** One series of an InfluxQL result, rows as objects keyed by column name. */
export interface InfluxSeries {
  readonly name: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly rows: readonly Readonly<Record<string, unknown>>[];
}

/** Bound parameter values of an InfluxQL statement (`$name` in the text). */
export type InfluxParams = Readonly<Record<string, string | number | boolean>>;

/** Precision of the timestamps a query answers with (`time` column, epoch in that unit). */
export type InfluxEpoch = 'ns' | 'u' | 'ms' | 's' | 'm' | 'h';

/** Per-call options of `query`. */
export interface InfluxQueryOptions {
  /** Unit of the `time` column (default `ns`; `ms` keeps epochs within JavaScript's safe integers). */
  readonly epoch?: InfluxEpoch;
  /** Aborts the request (e.g. a cockatiel timeout), on top of the client's own timeout. */
  readonly signal?: AbortSignal;
}

/** Per-call options of `write`. */
export interface InfluxWriteOptions {
  /** Aborts the request (e.g. a cockatiel timeout), on top of the client's own timeout. */
  readonly signal?: AbortSignal;
}

/** Raised when InfluxDB answers with an HTTP error or an error inside the result. */
export class InfluxHttpError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'InfluxHttpError';
  }
}

/**
 * Raised when an answer could not be read to its end (the body stream broke off: a reset or a closed
 * connection mid-body, its cause attached) or a successful answer is not the JSON document InfluxDB always
 * sends (empty, truncated, an HTML page). Either way no answer of InfluxDB's arrived: the server or the path
 * to it is failing, which is why the classifier counts it as unavailability, never as a bad query.
 */
export class InfluxUnreadableResponseError extends Error {
  constructor(
    message: string,
    readonly status: number,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'InfluxUnreadableResponseError';
  }
}

interface RawResult {
  results?: { statement_id?: number; error?: string; series?: { name: string; tags?: Record<string, string>; columns: string[]; values?: unknown[][] }[] }[];
  error?: string;
}

/**
 * A small client for the InfluxDB v1 HTTP API: `/write` with line protocol, `/query` with InfluxQL and
 * bound parameters, `/ping`. InfluxQL over this API works on 1.x, on 2.x through its v1 compatibility
 * endpoints and on 3 Core (README, "Why InfluxQL"). Line protocol comes from `@influxdata/influxdb-client`'s
 * `Point`, which does the escaping.
 */
export class InfluxV1Client {
  private readonly base: string;
  private readonly timeoutMs: number;
  private readonly fetch: typeof fetch;

  constructor(private readonly options: InfluxV1Options) {
    this.base = options.url.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? 5000;
    this.fetch = options.fetch ?? ((input, init) => fetch(input, init));
  }

  /**
   * Writes points with nanosecond timestamps (Point's default serialisation); InfluxDB answers 204. An error it
   * reports is an InfluxHttpError; an answer that broke off, or a 2xx other than 204, an InfluxUnreadableResponseError.
   */
  async write(points: readonly Point[], options: InfluxWriteOptions = {}): Promise<void> {
    const lines = points.map((p) => p.toLineProtocol()).filter((l): l is string => l !== undefined);
    if (lines.length === 0) return;
    const url = `${this.base}/write?${new URLSearchParams({ db: this.options.database, precision: 'ns' })}`;
    const signal = this.signal(options.signal);
    const res = await this.fetch(url, { method: 'POST', headers: this.headers('text/plain; charset=utf-8'), body: lines.join('\n'), signal });
    if (res.status === 204) return;
    const text = await readBody(res, 'write', signal);
    // InfluxDB answers a write 204 and nothing else that succeeds; another 2xx is not its answer (writes are idempotent: retrying is safe).
    if (res.ok) throw new InfluxUnreadableResponseError(`influx write answered ${res.status} instead of 204`, res.status);
    throw new InfluxHttpError(`influx write failed (${res.status}): ${text}`, res.status);
  }

  /**
   * Runs one InfluxQL statement with bound parameters; user values only ever travel in `params`. An error
   * InfluxDB reports (HTTP error or inside a 200 result) is an InfluxHttpError; an answer that broke off or is
   * not JSON is an InfluxUnreadableResponseError.
   */
  async query(influxql: string, params: InfluxParams = {}, options: InfluxQueryOptions = {}): Promise<InfluxSeries[]> {
    const body = new URLSearchParams({ db: this.options.database, q: influxql, epoch: options.epoch ?? 'ns', params: JSON.stringify(params) });
    const signal = this.signal(options.signal);
    const res = await this.fetch(`${this.base}/query`, { method: 'POST', headers: this.headers('application/x-www-form-urlencoded'), body, signal });
    const text = await readBody(res, 'query', signal);
    const raw = parseResult(text);
    if (raw === undefined) {
      // An HTTP error with a body that is not InfluxDB's JSON (a proxy's page, a plain-text 5xx): judged by its status.
      if (!res.ok) throw new InfluxHttpError(`influx query failed (${res.status}): ${text.slice(0, 200) || 'empty body'}`, res.status);
      throw new InfluxUnreadableResponseError(`influx query answered ${res.status} with ${text === '' ? 'an empty body' : 'a body that is not a JSON object'}`, res.status);
    }
    const error = raw.error ?? raw.results?.find((r) => r.error)?.error;
    if (!res.ok || error) throw new InfluxHttpError(`influx query failed (${res.status}): ${error ?? 'unknown error'}`, res.status);
    return (raw.results ?? []).flatMap((r) =>
      (r.series ?? []).map((s) => ({
        name: s.name,
        tags: s.tags ?? {},
        // A series with no rows comes without `values` (SHOW SHARDS lists a database that has no shard so).
        rows: (s.values ?? []).map((values) => Object.fromEntries(s.columns.map((c, i) => [c, values[i]]))),
      })),
    );
  }

  /** True when the server answers /ping. */
  async ping(): Promise<boolean> {
    const res = await this.fetch(`${this.base}/ping`, { headers: this.headers(), signal: this.signal() });
    return res.status === 204;
  }

  private headers(contentType?: string): Record<string, string> {
    return {
      ...(contentType ? { 'content-type': contentType } : {}),
      ...(this.options.token ? { authorization: `Token ${this.options.token}` } : {}),
    };
  }

  private signal(caller?: AbortSignal): AbortSignal {
    const timeout = AbortSignal.timeout(this.timeoutMs);
    return caller ? AbortSignal.any([timeout, caller]) : timeout;
  }
}

/**
 * The whole body as text. A read that fails because the request was aborted (the policy's timeout, the client's
 * own, the request deadline) rethrows that abort as it is; any other failure means the answer broke off.
 */
async function readBody(res: Response, what: 'query' | 'write', signal: AbortSignal): Promise<string> {
  try {
    return await res.text();
  } catch (err) {
    if (signal.aborted) throw err;
    const reason = errorMessage(err);
    throw new InfluxUnreadableResponseError(`influx ${what} answer (${res.status}) broke off while its body was read: ${reason}`, res.status, { cause: err });
  }
}

/** The JSON object InfluxDB answers /query with, or undefined when the text is not one. */
function parseResult(text: string): RawResult | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as RawResult) : undefined;
  } catch {
    return undefined;
  }
}
