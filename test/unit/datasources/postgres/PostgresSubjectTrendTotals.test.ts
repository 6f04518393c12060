import { isTransientPgError } from '../../../../datasources/postgres/isTransientPgError';
import { PostgresSubjectTrendTotals } from '../../../../datasources/postgres/PostgresSubjectTrendTotals';
import type { SqlExecutor, SqlParam } from '../../../../datasources/postgres/SqlExecutor';
import { DEQUEUE_SQL, QUEUE_SUBJECTS_OF_WORKS_SQL, SUBJECT_YEAR_TOTALS_SQL, TAKE_QUEUED_SQL, TREND_RECOMPUTE_LOCK } from '../../../../datasources/postgres/sql/subjectTotalsSql';
import { StorePolicy } from '../../../../datasources/shared/StorePolicy';
import type { SubjectTotalsRound } from '../../../../datasources/writes/SubjectTrendTotals';

const policy = () => new StorePolicy('postgres', isTransientPgError, { maxAttempts: 1 });

/** Records statements (and whether they ran in a transaction) and answers the queue and totals queries. */
class ScriptedSql implements Pick<SqlExecutor, 'query' | 'transaction'> {
  readonly log: { text: string; params: readonly SqlParam[]; inTx: boolean }[] = [];
  committed = 0;
  rolledBack = 0;

  constructor(
    private readonly queued: { kind: string; subject_id: string; seq: string }[],
    private readonly totals: object[],
  ) {}

  private answer<Row>(text: string): Row[] {
    if (text === TAKE_QUEUED_SQL) return this.queued as Row[];
    if (text === SUBJECT_YEAR_TOTALS_SQL) return this.totals as Row[];
    return [];
  }

  async query<Row extends object>(text: string, params: readonly SqlParam[] = []): Promise<Row[]> {
    this.log.push({ text, params, inTx: false });
    return this.answer<Row>(text);
  }

  async transaction<T>(fn: (tx: Pick<SqlExecutor, 'query'>) => Promise<T>): Promise<T> {
    try {
      const value = await fn({
        query: async <Row extends object>(text: string, params: readonly SqlParam[] = []) => {
          this.log.push({ text, params, inTx: true });
          return this.answer<Row>(text);
        },
      });
      this.committed++;
      return value;
    } catch (err) {
      this.rolledBack++;
      throw err;
    }
  }
}

describe('PostgresSubjectTrendTotals', () => {
  it('queues the subjects of works with one statement, ids bound, and nothing for no works', async () => {
    const sql = new ScriptedSql([], []);
    const totals = new PostgresSubjectTrendTotals(sql, policy());
    await totals.queueSubjectsOfWorks([]);
    await totals.queueSubjectsOfWorks(['W1', 'W2']);
    expect(sql.log).toEqual([{ text: QUEUE_SUBJECTS_OF_WORKS_SQL, params: [['W1', 'W2']], inTx: false }]);
  });

  it('runs a round in one transaction: lock, take, one totals statement, write, then dequeue exactly what it took', async () => {
    const sql = new ScriptedSql(
      [
        { kind: 'author', subject_id: 'A1', seq: '7' },
        { kind: 'topic', subject_id: 'T1', seq: '9' },
      ],
      [{ kind: 'author', subject_id: 'A1', year: 2020, works: '2', citations: '5' }],
    );
    const rounds: SubjectTotalsRound[] = [];
    const taken = await new PostgresSubjectTrendTotals(sql, policy()).recomputeQueued(1000, async (round) => {
      rounds.push(round);
    });
    expect(taken).toBe(2);
    expect(rounds).toEqual([
      {
        subjects: [
          { kind: 'author', id: 'A1' },
          { kind: 'topic', id: 'T1' },
        ],
        totals: [{ kind: 'author', id: 'A1', year: 2020, works: 2, citations: 5 }],
      },
    ]);
    expect(sql.log.map((s) => s.text)).toEqual([expect.stringContaining('SET LOCAL statement_timeout'), 'SELECT pg_advisory_xact_lock($1)', TAKE_QUEUED_SQL, SUBJECT_YEAR_TOTALS_SQL, DEQUEUE_SQL]);
    expect(sql.log.every((s) => s.inTx)).toBe(true);
    expect(sql.log[1]?.params).toEqual([TREND_RECOMPUTE_LOCK]);
    expect(sql.log[2]?.params).toEqual([1000]);
    expect(sql.log[3]?.params).toEqual([
      ['author', 'topic'],
      ['A1', 'T1'],
    ]);
    expect(sql.log[4]?.params).toEqual([
      ['author', 'topic'],
      ['A1', 'T1'],
      [7, 9],
    ]);
    expect(sql.committed).toBe(1);
  });

  it('removes nothing when the write fails (the transaction rolls back), and does nothing on an empty queue', async () => {
    const sql = new ScriptedSql([{ kind: 'author', subject_id: 'A1', seq: '1' }], []);
    const totals = new PostgresSubjectTrendTotals(sql, policy());
    await expect(totals.recomputeQueued(10, () => Promise.reject(new Error('influx down')))).rejects.toThrow('influx down');
    expect(sql.log.map((s) => s.text)).not.toContain(DEQUEUE_SQL);
    expect(sql.rolledBack).toBe(1);

    const empty = new ScriptedSql([], []);
    let wrote = false;
    expect(
      await new PostgresSubjectTrendTotals(empty, policy()).recomputeQueued(10, async () => {
        wrote = true;
      }),
    ).toBe(0);
    expect(wrote).toBe(false);
    expect(() => totals.recomputeQueued(0, async () => undefined)).toThrow(RangeError);
  });
});
