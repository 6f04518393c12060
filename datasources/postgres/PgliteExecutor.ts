import { mkdirSync } from 'node:fs';
import { PGlite, types } from '@electric-sql/pglite';
import { currentRequestScope } from '../../src/core/requestScope';
import { FairQueue, type Lane } from './FairQueue';
import type { SqlExecutor, SqlParam } from './SqlExecutor';

/**
 * `SqlExecutor` over PGlite: real PostgreSQL compiled to WebAssembly, in this process. `dataDir` is a
 * folder (created if missing) or `memory://`. PGlite runs one statement (or transaction) at a time; they take turns
 * by HTTP request (FairQueue), cheap requests first, so one request's many statements never hold up another's one.
 */
export class PgliteExecutor implements SqlExecutor {
  readonly backend = 'pglite' as const;
  private readonly turns = new FairQueue();

  private constructor(private readonly db: PGlite) {}

  static async open(dataDir: string): Promise<PgliteExecutor> {
    // PGlite creates only the last folder of the path; a fresh clone has no .data/ yet.
    if (!dataDir.includes('://')) mkdirSync(dataDir, { recursive: true });
    const db = await PGlite.create(dataDir, {
      // Same parsing as the pg pool: int8 as number, dates as 'YYYY-MM-DD'.
      parsers: { [types.INT8]: (v: string) => Number.parseInt(v, 10), [types.DATE]: (v: string) => v },
    });
    return new PgliteExecutor(db);
  }

  async query<Row extends object>(text: string, params: readonly SqlParam[] = []): Promise<Row[]> {
    const result = await this.turns.run(turnKey(), () => this.db.query<Row>(text, params as unknown[]), laneOf());
    return result.rows;
  }

  async transaction<T>(fn: (tx: Pick<SqlExecutor, 'query'>) => Promise<T>): Promise<T> {
    return this.turns.run(
      turnKey(),
      () =>
        this.db.transaction((tx) =>
          fn({
            query: async <Row extends object>(text: string, params: readonly SqlParam[] = []) =>
              (await tx.query<Row>(text, params as unknown[])).rows,
          }),
        ),
      laneOf(),
    );
  }

  async exec(script: string): Promise<void> {
    await this.db.exec(script);
  }

  async close(): Promise<void> {
    await this.db.close();
  }
}

/** Whose turn a statement takes: its HTTP request, or the background (seeding, the outbox relay, start-up). */
function turnKey(): string {
  return currentRequestScope()?.requestId ?? '';
}

/** Requests estimated to cost at most this many objects are served first (a page of 25 works with their sources, say). */
const CHEAP_REQUEST_COST = 1_000;

/** Cheap requests' statements go before the others'; the background's (seeding, the relay) wait with the others. */
function laneOf(): Lane {
  const scope = currentRequestScope();
  return scope !== undefined && scope.estimatedCost <= CHEAP_REQUEST_COST ? 'cheap' : 'normal';
}
