import { PgPoolExecutor } from '../../datasources/postgres/PgPoolExecutor';
import { describeStore } from './support/describeStore';
import { createThrowawayDatabase } from './support/throwawayDatabase';

/*
 * PG_PREPARED_STATEMENTS on a real server: which statements the connection holds prepared (pg_prepared_statements
 * of the session), that every execution is still planned for its values, and that a statement whose result type a
 * schema change altered is answered anyway.
 */
describeStore('postgres', 'named prepared statements of the pool (PG_PREPARED_STATEMENTS)', () => {
  let database: Awaited<ReturnType<typeof createThrowawayDatabase>>;
  let other: PgPoolExecutor;
  const pools: PgPoolExecutor[] = [];
  // One connection, so the session that prepared a statement is the one asked what it holds.
  const pool = (capacity: number) => {
    const p = new PgPoolExecutor(database.url, { max: 1, preparedStatements: capacity });
    pools.push(p);
    return p;
  };
  const preparedOn = async (db: PgPoolExecutor) =>
    (await db.query<{ statement: string }>('SELECT statement FROM pg_prepared_statements WHERE NOT from_sql ORDER BY name')).map((r) => r.statement);

  beforeAll(async () => {
    database = await createThrowawayDatabase('gateway_prepared');
    other = new PgPoolExecutor(database.url, { max: 1 });
    await other.exec(`CREATE TABLE items (id integer PRIMARY KEY, label text NOT NULL);
      INSERT INTO items SELECT n, 'item ' || n FROM generate_series(1, 200) n;`);
  });

  afterAll(async () => {
    await Promise.all(pools.map((p) => p.close()));
    await other.close();
    await database.drop();
  });

  const byId = 'SELECT id, label FROM items WHERE id = ANY($1::integer[]) ORDER BY id';

  it('prepares a statement text seen twice, and answers each execution with its own values', async () => {
    const db = pool(8);
    expect(await db.query(byId, [[1, 2]])).toEqual([
      { id: 1, label: 'item 1' },
      { id: 2, label: 'item 2' },
    ]);
    expect(await preparedOn(db)).not.toContain(byId);
    expect(await db.query(byId, [[3]])).toEqual([{ id: 3, label: 'item 3' }]);
    expect(await preparedOn(db)).toContain(byId);
    expect(await db.query(byId, [[200, 7]])).toEqual([
      { id: 7, label: 'item 7' },
      { id: 200, label: 'item 200' },
    ]);
  });

  it('plans every execution for its values (force_custom_plan on its connections), and prepares nothing with capacity 0', async () => {
    const db = pool(8);
    expect(await db.query<{ mode: string }>('SELECT current_setting($1) AS mode', ['plan_cache_mode'])).toEqual([{ mode: 'force_custom_plan' }]);
    const off = pool(0);
    for (let i = 0; i < 3; i++) await off.query(byId, [[i + 1]]);
    expect(await preparedOn(off)).toEqual([]);
    expect(await off.query<{ mode: string }>('SELECT current_setting($1) AS mode', ['plan_cache_mode'])).toEqual([{ mode: 'auto' }]);
  });

  it('keeps at most its capacity of statements prepared on a connection, whatever the number of texts', async () => {
    const db = pool(3);
    for (let i = 0; i < 40; i++) for (let seen = 0; seen < 2; seen++) expect(await db.query<{ n: number }>(`SELECT $1::integer + ${i} AS n`, [1])).toEqual([{ n: 1 + i }]);
    expect((await preparedOn(db)).length).toBe(3);
  });

  it('answers a prepared statement whose result type another session changed', async () => {
    const db = pool(8);
    const all = 'SELECT * FROM items WHERE id = $1';
    await db.query(all, [1]);
    expect(await db.query(all, [1])).toEqual([{ id: 1, label: 'item 1' }]);
    expect(await preparedOn(db)).toContain(all);
    await other.exec('ALTER TABLE items ADD COLUMN note text');
    expect(await db.query(all, [1])).toEqual([{ id: 1, label: 'item 1', note: null }]);
    expect(await db.query(all, [2])).toEqual([{ id: 2, label: 'item 2', note: null }]);
  });
});
