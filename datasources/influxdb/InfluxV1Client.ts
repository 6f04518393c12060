import type { Point } from '@influxdata/influxdb-client';

/** Connection settings for the InfluxDB v1 HTTP API. */
export interface InfluxV1Options {
  readonly url: string;
  readonly database: string;
  /** Sent as `Authorization: Token …` (InfluxDB 2.x/3.x v1 compatibility API); omit on 1.x without auth. */
  readonly token?: string;
  readonly timeoutMs?: number;
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

interface RawResult {
  results?: { statement_id?: number; error?: string; series?: { name: string; tags?: Record<string, string>; columns: string[]; values: unknown[][] }[] }[];
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

  constructor(private readonly options: InfluxV1Options) {
    this.base = options.url.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? 5000;
  }

  /** Writes points with nanosecond timestamps (Point's default serialisation). */
  async write(points: readonly Point[], options: InfluxWriteOptions = {}): Promise<void> {
    const lines = points.map((p) => p.toLineProtocol()).filter((l): l is string => l !== undefined);
    if (lines.length === 0) return;
    const url = `${this.base}/write?${new URLSearchParams({ db: this.options.database, precision: 'ns' })}`;
    const res = await fetch(url, { method: 'POST', headers: this.headers('text/plain; charset=utf-8'), body: lines.join('\n'), signal: this.signal(options.signal) });
    if (res.status !== 204) throw new InfluxHttpError(`influx write failed (${res.status}): ${await res.text()}`, res.status);
  }

  /** Runs one InfluxQL statement with bound parameters; user values only ever travel in `params`. */
  async query(influxql: string, params: InfluxParams = {}, options: InfluxQueryOptions = {}): Promise<InfluxSeries[]> {
    const body = new URLSearchParams({ db: this.options.database, q: influxql, epoch: options.epoch ?? 'ns', params: JSON.stringify(params) });
    const res = await fetch(`${this.base}/query`, {
      method: 'POST',
      headers: this.headers('application/x-www-form-urlencoded'),
      body,
      signal: this.signal(options.signal),
    });
    const raw = (await res.json().catch(() => ({ error: `non-JSON answer (${res.status})` }))) as RawResult;
    const error = raw.error ?? raw.results?.find((r) => r.error)?.error;
    if (!res.ok || error) throw new InfluxHttpError(`influx query failed (${res.status}): ${error ?? 'unknown error'}`, res.status);
    return (raw.results ?? []).flatMap((r) =>
      (r.series ?? []).map((s) => ({
        name: s.name,
        tags: s.tags ?? {},
        rows: s.values.map((values) => Object.fromEntries(s.columns.map((c, i) => [c, values[i]]))),
      })),
    );
  }

  /** True when the server answers /ping. */
  async ping(): Promise<boolean> {
    const res = await fetch(`${this.base}/ping`, { headers: this.headers(), signal: this.signal() });
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
