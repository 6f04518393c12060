import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { storeEndpoints } from '../../support/storeEndpoints';

/** A throwaway database on the real PostgreSQL server, so each run starts from an empty catalog. */
export async function createThrowawayDatabase(prefix = 'gateway_it'): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: storeEndpoints.postgres });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(storeEndpoints.postgres);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}
