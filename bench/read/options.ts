import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

/** The gateway's store profiles: `embedded` is PGlite in memory + the in-process LRU, `postgres` is PostgreSQL + Redis. */
export type Profile = 'embedded' | 'postgres';
export const PROFILES: readonly Profile[] = ['embedded', 'postgres'];

/** How long and how hard the read benchmark loads each endpoint, and on what data. */
export interface ReadBenchOptions {
  /** The gateway profiles to load (PostGraphile runs whenever a PostgreSQL database is at hand). */
  readonly profiles: readonly Profile[];
  /** Rounds per endpoint; the endpoints of a query take turns, round by round (A B C A B C …). */
  readonly rounds: number;
  /** Seconds of each round, and of the constant-rate run. */
  readonly seconds: number;
  /** Seconds of load sent to each endpoint before its first round and not counted (JIT, pools, caches). */
  readonly warmupSeconds: number;
  readonly connections: number;
  /** A JSON Lines file of OpenAlex works seeded after the sample into the PostgreSQL profile's database. */
  readonly corpus: string | undefined;
  /** The bound of the whole run, set-up and shutdown included; past it everything is stopped and it exits 1. */
  readonly timeoutSeconds: number;
}

export const USAGE = `npm run bench:read [-- --profiles embedded,postgres --rounds 3 --seconds 5 --warmup 2 --connections 10 --corpus works.jsonl --timeout <s>]

  --profiles     the gateway's store profiles to load, comma-separated (default: both)
  --rounds       rounds per endpoint; a query's endpoints take turns, round by round (default 3)
  --seconds      seconds per round, and of the constant-rate run at half the maximum (default 5)
  --warmup       seconds of uncounted load per endpoint before its first round (default 2)
  --connections  keep-alive connections of the load generator (default 10)
  --corpus       a JSON Lines file of OpenAlex works seeded into PostgreSQL after data/sample
  --timeout      bound of the whole run in seconds (default: twice the planned load + 10 min)

PostgreSQL: DATABASE_URL if set (a throwaway database is created on that server and dropped), else a cluster of
its own from /usr/lib/postgresql/*/bin on a port in 20000–20999. Redis: REDIS_URL if set, else its own
redis-server on such a port. Without either, the postgres profile (and PostGraphile, without PostgreSQL) is
skipped and the report says so.`;

/** Reads the command line; the default bound is generous for the load it plans (twice it, plus 10 minutes). */
export function readOptions(argv: readonly string[]): ReadBenchOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      profiles: { type: 'string', default: PROFILES.join(',') },
      rounds: { type: 'string', default: '3' },
      seconds: { type: 'string', default: '5' },
      warmup: { type: 'string', default: '2' },
      connections: { type: 'string', default: '10' },
      corpus: { type: 'string' },
      timeout: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const positive = (name: string, text: string) => {
    const n = Number(text);
    if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number, not ${text}`);
    return n;
  };
  const rounds = Math.round(positive('rounds', values.rounds));
  const seconds = positive('seconds', values.seconds);
  const warmupSeconds = positive('warmup', values.warmup);
  const corpus = values.corpus === undefined ? undefined : path.resolve(values.corpus);
  if (corpus !== undefined && !existsSync(corpus)) throw new Error(`--corpus ${values.corpus}: no such file`);
  const profiles = [...new Set(values.profiles.split(',').map((p) => p.trim()).filter((p) => p !== ''))];
  const unknown = profiles.filter((p) => !(PROFILES as readonly string[]).includes(p));
  if (unknown.length > 0 || profiles.length === 0) throw new Error(`--profiles takes ${PROFILES.join(' and/or ')}, comma-separated, not ${values.profiles}`);
  const plannedLoad = 4 * 3 * (rounds * seconds + warmupSeconds + seconds);
  return {
    profiles: PROFILES.filter((p) => profiles.includes(p)),
    rounds,
    seconds,
    warmupSeconds,
    connections: Math.round(positive('connections', values.connections)),
    corpus,
    timeoutSeconds: values.timeout === undefined ? 2 * plannedLoad + 600 : positive('timeout', values.timeout),
  };
}
