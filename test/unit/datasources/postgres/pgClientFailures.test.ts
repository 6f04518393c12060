import pg from 'pg';
import { PgPoolExecutor } from '../../../../datasources/postgres/PgPoolExecutor';
import { isTransientPgError } from '../../../../datasources/postgres/isTransientPgError';
import { StorePolicy } from '../../../../datasources/shared/StorePolicy';
import { StoreUnavailableError } from '../../../../src/core/errors';
import { FakePgBackend, type PgBackendBehaviour, type PgBackendScript } from './fakePgBackend';

/*
 * The real pg pool and client over an in-memory server (FakePgBackend, pg's `stream` option): each script is
 * what a PostgreSQL server that is stopping, crashing or unreachable does on the wire, and the errors are the
 * ones pg itself builds from it (DatabaseError with the SQLSTATE, "Connection terminated unexpectedly", …).
 */

const URL = 'postgres://postgres@pg.invalid:5432/openalex';
const executors: PgPoolExecutor[] = [];

function executor(script: PgBackendScript, options: { max?: number; connectionTimeoutMs?: number } = {}): { sql: PgPoolExecutor; connections: () => number } {
  let connections = 0;
  const sql = new PgPoolExecutor(URL, {
    connectionTimeoutMs: options.connectionTimeoutMs ?? 200,
    ...(options.max === undefined ? {} : { max: options.max }),
    stream: () => {
      connections++;
      return new FakePgBackend(script);
    },
  });
  executors.push(sql);
  return { sql, connections: () => connections };
}

afterEach(async () => {
  await Promise.all(executors.splice(0).map((e) => e.close().catch(() => undefined)));
});

const fatal = (code: string, message: string): PgBackendBehaviour => ({ kind: 'error', severity: 'FATAL', code, message });
const error = (code: string, message: string): PgBackendBehaviour => ({ kind: 'error', severity: 'ERROR', code, message });

const failure = (run: () => Promise<unknown>) =>
  run().then(
    () => {
      throw new Error('expected the call to fail');
    },
    (err: unknown) => err,
  );

const unavailable: [string, PgBackendScript, RegExp | string][] = [
  ['the port refusing connections', { onConnect: { kind: 'refuse' } }, 'ECONNREFUSED'],
  ['a connect nobody answers (connection timeout)', { onConnect: { kind: 'hang' } }, /Connection terminated due to connection timeout/],
  ['the server refusing new connections while shutting down (57P03)', { onConnect: fatal('57P03', 'the database system is shutting down') }, '57P03'],
  ['the server still starting up (57P03)', { onConnect: fatal('57P03', 'the database system is starting up') }, '57P03'],
  ['the server in recovery (57P03)', { onConnect: fatal('57P03', 'the database system is in recovery mode') }, '57P03'],
  ['too many connections (53300)', { onConnect: fatal('53300', 'sorry, too many clients already') }, '53300'],
  ['a connection reset mid-query', { onQuery: { kind: 'reset' } }, 'ECONNRESET'],
  ['the server process dying mid-query', { onQuery: { kind: 'close' } }, /Connection terminated unexpectedly/],
  ['an admin shutdown ending the session (57P01)', { onQuery: fatal('57P01', 'terminating connection due to administrator command') }, '57P01'],
  ['a crash of another backend ending the session (57P02)', { onQuery: fatal('57P02', 'terminating connection because of crash of another server process') }, '57P02'],
  ['a connection failure reported by the server (08006)', { onQuery: fatal('08006', 'connection failure') }, '08006'],
];

/** The SQLSTATE, socket code or message of a pg error (what the expectation names). */
function codeAndMessage(err: unknown): string {
  const e = err as { code?: unknown; message?: unknown };
  return `${String(e.code ?? '')} ${String(e.message ?? '')}`;
}

describe('pg failures of a server that is going away are unavailability', () => {
  it.each(unavailable)('%s', async (_mode, script, expected) => {
    const err = await failure(() => executor(script).sql.query('SELECT 1'));
    expect(codeAndMessage(err)).toMatch(expected);
    expect(isTransientPgError(err)).toBe(true);

    const viaPolicy = await failure(() => new StorePolicy('postgres', isTransientPgError, { maxAttempts: 1 }).execute('works.byId', () => executor(script).sql.query('SELECT 1')));
    expect(viaPolicy).toBeInstanceOf(StoreUnavailableError);
    expect(viaPolicy).toMatchObject({ store: 'postgres', extensions: { code: 'UPSTREAM_UNAVAILABLE', store: 'postgres' } });
  });

  it('a DatabaseError keeps the SQLSTATE and severity the server sent', async () => {
    const err = await failure(() => executor({ onQuery: fatal('57P01', 'terminating connection due to administrator command') }).sql.query('SELECT 1'));
    expect(err).toBeInstanceOf(pg.DatabaseError);
    expect(err).toMatchObject({ code: '57P01', severity: 'FATAL', message: 'terminating connection due to administrator command' });
  });

  it('a transaction whose connection dies is unavailability, and the pool opens a fresh connection next time', async () => {
    const { sql, connections } = executor({ onQuery: { kind: 'close' } });
    const err = await failure(() => sql.transaction(async (tx) => tx.query('SELECT 1')));
    expect(isTransientPgError(err)).toBe(true);
    await failure(() => sql.query('SELECT 1'));
    expect(connections()).toBe(2);
  });

  it('a client whose connection failed is not queryable, and says so in a way that counts as unavailability', async () => {
    const client = new pg.Client({ connectionString: URL, stream: () => new FakePgBackend({ onQuery: { kind: 'reset' } }) });
    client.on('error', () => undefined);
    await client.connect();
    await failure(() => client.query('SELECT 1'));
    const err = await failure(() => client.query('SELECT 1'));
    expect((err as Error).message).toBe('Client has encountered a connection error and is not queryable');
    expect(isTransientPgError(err)).toBe(true);
  });

  it('a pool whose every connection is taken, past the connection timeout, is unavailability', async () => {
    const { sql } = executor({}, { max: 1, connectionTimeoutMs: 50 });
    let release!: () => void;
    const held = sql.transaction(() => new Promise<void>((resolve) => (release = resolve)));
    const err = await failure(() => sql.query('SELECT 1'));
    expect((err as Error).message).toBe('timeout exceeded when trying to connect');
    expect(isTransientPgError(err)).toBe(true);
    release();
    await held;
  });
});

const deterministic: [string, PgBackendBehaviour][] = [
  ['a syntax error (42601)', error('42601', 'syntax error at or near "SELCT"')],
  ['a unique violation (23505)', error('23505', 'duplicate key value violates unique constraint "works_doi_key"')],
  ['a foreign key violation (23503)', error('23503', 'insert or update on table "authorships" violates foreign key constraint')],
  ['a bad value (22P02)', error('22P02', 'invalid input syntax for type integer: "x"')],
  ['a missing table (42P01)', error('42P01', 'relation "nope" does not exist')],
  ['a database dropped under the session (57P04)', fatal('57P04', 'terminating connection because the database was dropped')],
];

describe('pg errors that are the caller’s fault stay what they are', () => {
  it.each(deterministic)('%s passes through the policy unchanged, not retried', async (_mode, behaviour) => {
    const { sql, connections } = executor({ onQuery: behaviour });
    const err = await failure(() => new StorePolicy('postgres', isTransientPgError, { maxAttempts: 3, initialBackoffMs: 1 }).execute('works.byId', () => sql.query('SELECT 1')));
    expect(err).toBeInstanceOf(pg.DatabaseError);
    expect(isTransientPgError(err)).toBe(false);
    expect(connections()).toBe(1);
  });

  it('a healthy fake answers (the script is not failing everything)', async () => {
    await expect(executor({}).sql.query('SELECT 1')).resolves.toEqual([]);
  });
});
