import { migrate } from '../../datasources/postgres/migrate';
import { PgliteExecutor } from '../../datasources/postgres/PgliteExecutor';
import { PostgresRebuildMarks } from '../../datasources/postgres/PostgresRebuildMarks';
import { isTransientPgError } from '../../datasources/postgres/isTransientPgError';
import { StorePolicy } from '../../datasources/shared/StorePolicy';

/** PostgresRebuildMarks on an in-memory PGlite catalog, its table made by the migrations (015_projection_rebuilds.sql). */
describe('PostgresRebuildMarks on PGlite', () => {
  let db: PgliteExecutor;
  let marks: PostgresRebuildMarks;

  beforeAll(async () => {
    db = await PgliteExecutor.open('memory://');
    expect(await migrate(db)).toContain('015_projection_rebuilds.sql');
    marks = new PostgresRebuildMarks(db, new StorePolicy('postgres', isTransientPgError));
  });

  afterAll(async () => {
    await db.close();
  });

  const startedAt = async (store: string) =>
    (await db.query<{ started_at: Date }>('SELECT started_at FROM projection_rebuilds WHERE store = $1', [store]))[0]?.started_at;

  it('marks, lists and clears stores; marking again renews the start, clearing an unmarked store is a no-op', async () => {
    expect(await marks.marked()).toEqual(new Set());
    await marks.mark('neo4j');
    await marks.mark('influxdb');
    expect(await marks.marked()).toEqual(new Set(['neo4j', 'influxdb']));

    const first = await startedAt('neo4j');
    await new Promise((resolve) => setTimeout(resolve, 10));
    await marks.mark('neo4j');
    expect(await marks.marked()).toEqual(new Set(['neo4j', 'influxdb']));
    expect((await startedAt('neo4j'))?.getTime()).toBeGreaterThan(first?.getTime() as number);

    await marks.clear('neo4j');
    expect(await marks.marked()).toEqual(new Set(['influxdb']));
    await marks.clear('neo4j');
    await marks.clear('influxdb');
    expect(await marks.marked()).toEqual(new Set());
  });

  it('keeps the marks in the database, where another process reads them', async () => {
    await marks.mark('influxdb');
    const other = new PostgresRebuildMarks(db, new StorePolicy('postgres', isTransientPgError));
    expect(await other.marked()).toEqual(new Set(['influxdb']));
    await other.clear('influxdb');
    expect(await marks.marked()).toEqual(new Set());
  });
});
