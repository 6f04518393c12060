import type { Duplex } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { CopyExecutor, CopyTransaction } from './CopyExecutor';
import { isStalePreparedStatement, PreparedStatements } from './PreparedStatements';
import type { SqlExecutor, SqlParam } from './SqlExecutor';

// int8 (COUNT(*)) as a JS number: counts here are far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number.parseInt(v, 10));
// Dates stay 'YYYY-MM-DD' strings, as OpenAlex gives them; no time-zone shifts.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);

/** Tuning of the pool. */
export interface PgPoolOptions {
  /** Connections at most (default 10). */
  readonly max?: number;
  /** Server-side `statement_timeout` (default 10 s). */
  readonly statementTimeoutMs?: number;
  /** How long opening a connection may take before it fails (default 3 s). */
  readonly connectionTimeoutMs?: number;
  /**
   * What each connection talks over instead of a TCP socket (pg's `stream` option): an in-memory server lets a
   * unit test see pg's real errors for a server going away without opening a socket.
   */
  readonly stream?: () => Duplex;
  /**
   * How many distinct statement texts of `query` may run as named prepared statements on each connection
   * (PreparedStatements; default 0: every statement unnamed, parsed and planned each time).
   */
  readonly preparedStatements?: number;
}

/** `SqlExecutor` over a `pg` connection pool to a real PostgreSQL server. */
export class PgPoolExecutor implements SqlExecutor, CopyExecutor {
  readonly backend = 'postgresql' as const;
  private readonly pool: pg.Pool;
  private readonly prepared: PreparedStatements;

  constructor(connectionString: string, options: PgPoolOptions = {}) {
    this.prepared = new PreparedStatements(options.preparedStatements ?? 0);
    this.pool = new pg.Pool({
      connectionString,
      max: options.max ?? 10,
      connectionTimeoutMillis: options.connectionTimeoutMs ?? 3_000,
      ...(options.stream ? { stream: options.stream } : {}),
      idleTimeoutMillis: 30_000,
      // Server-side cap, so a statement abandoned by the client-side timeout does not run on.
      statement_timeout: options.statementTimeoutMs ?? 10_000,
      // A prepared statement is still planned for its values on every execution, as an unnamed one is: a generic
      // plan chosen after a few runs could suit a small author and not a hub. Only parsing and analysis are saved.
      ...(this.prepared.capacity > 0 ? { options: '-c plan_cache_mode=force_custom_plan' } : {}),
    });
    // An idle client losing its connection emits 'error' on the pool; without a listener it would crash.
    this.pool.on('error', () => undefined);
  }

  async query<Row extends object>(text: string, params: readonly SqlParam[] = []): Promise<Row[]> {
    const name = this.prepared.nameFor(text);
    if (name === undefined) return (await this.pool.query<Row>(text, params as unknown[])).rows;
    try {
      return (await this.pool.query<Row>({ name, text, values: params as unknown[] })).rows;
    } catch (err) {
      if (!isStalePreparedStatement(err)) throw err;
      this.prepared.retire(text);
      return (await this.pool.query<Row>(text, params as unknown[])).rows;
    }
  }

  /**
   * Runs `fn` in one transaction on one connection (BEGIN … COMMIT, ROLLBACK when it throws). A connection lost
   * meanwhile fails the statement in flight (with pg's error, which the policy classifies) and is discarded, never
   * returned to the pool.
   */
  transaction<T>(fn: (tx: Pick<SqlExecutor, 'query'>) => Promise<T>): Promise<T> {
    return this.onClient((client) => fn(clientQuery(client)));
  }

  /** A transaction whose statements may run up to `statementTimeoutMs` and that can stream rows in with COPY (pg-copy-streams). */
  copyTransaction<T>(fn: (tx: CopyTransaction) => Promise<T>, statementTimeoutMs: number): Promise<T> {
    return this.onClient(async (client) => {
      // A set_config parameter, not text: the timeout is ours, but nothing reaches SQL text unparameterised.
      await client.query("SELECT set_config('statement_timeout', $1, true)", [String(Math.trunc(statementTimeoutMs))]);
      return fn({
        ...clientQuery(client),
        copyIn: async (statement, lines) => {
          const stream = client.query(copyFrom(statement));
          await pipeline(copyLines(lines), stream);
        },
      });
    });
  }

  private async onClient<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    // pg-pool listens for 'error' on idle clients only: a checked-out client whose connection is lost emits
    // 'error', which unheard would crash the process. The statement in flight gets the same error anyway.
    let lost: Error | undefined;
    const onError = (err: Error) => {
      lost = err;
    };
    client.on('error', onError);
    try {
      await client.query('BEGIN');
      const value = await fn(client);
      await client.query('COMMIT');
      return value;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.off('error', onError);
      // release(err) destroys the client instead of pooling a dead connection.
      client.release(lost);
    }
  }

  async exec(script: string): Promise<void> {
    await this.pool.query(script);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

function clientQuery(client: pg.PoolClient): Pick<SqlExecutor, 'query'> {
  return {
    query: async <Row extends object>(text: string, params: readonly SqlParam[] = []) => (await client.query<Row>(text, params as unknown[])).rows,
  };
}

/** The lines as COPY data, in chunks of about 64 KB (one write per line would cost a syscall each). */
function* copyLines(lines: readonly string[]): Generator<string> {
  let chunk = '';
  for (const line of lines) {
    chunk += line + '\n';
    if (chunk.length >= 65_536) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk.length > 0) yield chunk;
}
