import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type SqlReader } from './sqlReader';

/** A database the benchmark created on someone's PostgreSQL server and drops when it is done. */
export interface ThrowawayDatabase extends SqlReader {
  readonly name: string;
  /** The server's URL with this database in its path. */
  readonly url: string;
  /** Runs statements in it (one connection per call: the benchmark's few set-up queries). */
  query<Row extends object>(text: string, values?: readonly unknown[]): Promise<Row[]>;
  /** Drops it, disconnecting whoever is still connected (PostgreSQL 13+: `WITH (FORCE)`). */
  drop(): Promise<void>;
}

/**
 * Creates `openalex_bench_read_<random>` on the server of `serverUrl`, connecting to the database that URL names
 * (which must exist: the benchmark's own cluster's `postgres`, or the database of a DATABASE_URL given) only to issue
 * CREATE and DROP DATABASE.
 */
export async function createThrowawayDatabase(serverUrl: string): Promise<ThrowawayDatabase> {
  const name = `openalex_bench_read_${randomBytes(4).toString('hex')}`;
  await onServer(serverUrl, `CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    query: async <Row extends object>(text: string, values?: readonly unknown[]) => {
      const client = new pg.Client({ connectionString: url.toString() });
      await client.connect();
      try {
        return (await client.query(text, values as unknown[] | undefined)).rows as Row[];
      } finally {
        await client.end();
      }
    },
    drop: () => onServer(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

async function onServer(serverUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
