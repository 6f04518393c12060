import type { DeliveryOutcome, OutboxRecord } from '../../datasources/writes/Outbox';
import { isTransientPgError } from '../../datasources/postgres/isTransientPgError';
import { migrate } from '../../datasources/postgres/migrate';
import { PgPoolExecutor } from '../../datasources/postgres/PgPoolExecutor';
import { PostgresOutbox } from '../../datasources/postgres/PostgresOutbox';
import { StorePolicy } from '../../datasources/shared/StorePolicy';
import { describeStore } from './support/describeStore';
import { createThrowawayDatabase } from './support/throwawayDatabase';

const delivered: DeliveryOutcome = { applied: ['elasticsearch'], failed: [], countsAsAttempt: false };

/**
 * The outbox's claim on real PostgreSQL, as several relays (gateway replicas, each with its own pool) see it:
 * `FOR UPDATE SKIP LOCKED` plus leases hand each record to one relay at a time, and only the oldest live record
 * of a work is claimable, so one article's changes go out in commit order.
 */
describeStore('postgres', 'outbox claims by concurrent relays on real PostgreSQL', () => {
  let db: Awaited<ReturnType<typeof createThrowawayDatabase>>;
  const pools: PgPoolExecutor[] = [];
  let outboxes: PostgresOutbox[];

  beforeAll(async () => {
    db = await createThrowawayDatabase('gateway_outbox');
    for (let i = 0; i < 3; i++) pools.push(new PgPoolExecutor(db.url));
    await migrate(pools[0] as PgPoolExecutor);
    outboxes = pools.map((p) => new PostgresOutbox(p, new StorePolicy('postgres', isTransientPgError)));
    // 40 works with one change each, and work W0 with three more changes after its first.
    await (pools[0] as PgPoolExecutor).query(
      `INSERT INTO outbox (work_id, operation, pending_stores)
       SELECT 'W' || n, 'update', ARRAY['elasticsearch'] FROM generate_series(0, 39) AS n`,
    );
    await (pools[0] as PgPoolExecutor).query(`INSERT INTO outbox (work_id, operation, pending_stores) SELECT 'W0', 'update', ARRAY['elasticsearch'] FROM generate_series(1, 3)`);
  });

  afterAll(async () => {
    await Promise.all(pools.map((p) => p.close()));
    await db?.drop();
  });

  it('hands each record to one relay only, and only the oldest record of each work', async () => {
    const claims = await Promise.all(outboxes.map((o, i) => o.claim(`relay-${i}`, 20, 30_000)));
    const ids = claims.flat().map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length); // nobody got a record twice
    expect(ids).toHaveLength(40); // 40 heads; W0's later changes wait for its first
    const w0 = claims.flat().filter((r) => r.workId === 'W0');
    expect(w0).toHaveLength(1);
    // Leased: a second round finds nothing until the leases are settled or expire.
    expect((await Promise.all(outboxes.map((o, i) => o.claim(`relay-${i}`, 50, 30_000)))).flat()).toEqual([]);

    // Settling W0's first change makes its second claimable, and so on, in commit order.
    const order: string[] = [(w0[0] as OutboxRecord).id];
    let head = w0[0] as OutboxRecord;
    let holder = claims.findIndex((c) => c.some((r) => r.id === head.id));
    for (let step = 0; step < 3; step++) {
      expect(await (outboxes[holder] as PostgresOutbox).settle(head, `relay-${holder}`, delivered, 0, 10)).toBe('delivered');
      const next = (await (outboxes[0] as PostgresOutbox).claim('relay-0', 50, 30_000)).filter((r) => r.workId === 'W0');
      expect(next).toHaveLength(1);
      head = next[0] as OutboxRecord;
      holder = 0;
      order.push(head.id);
    }
    expect(order.map(Number)).toEqual([...order.map(Number)].sort((a, b) => a - b));
  });

  it('lets another relay take over a record whose lease expired (a relay that died loses nothing)', async () => {
    await (pools[0] as PgPoolExecutor).query(`INSERT INTO outbox (work_id, operation, pending_stores) VALUES ('W-lease', 'create', ARRAY['neo4j'])`);
    const [first] = (await (outboxes[0] as PostgresOutbox).claim('dying-relay', 100, 200)).filter((r) => r.workId === 'W-lease');
    expect(first).toBeDefined();
    expect((await (outboxes[1] as PostgresOutbox).claim('relay-1', 100, 30_000)).filter((r) => r.workId === 'W-lease')).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 400));
    const [taken] = (await (outboxes[1] as PostgresOutbox).claim('relay-1', 100, 30_000)).filter((r) => r.workId === 'W-lease');
    expect(taken?.id).toBe(first?.id);
    // The dead relay's late settle no longer counts: the record belongs to relay-1 now.
    await (outboxes[0] as PostgresOutbox).settle(first as OutboxRecord, 'dying-relay', { applied: ['neo4j'], failed: [], countsAsAttempt: false }, 0, 10);
    expect(await (outboxes[1] as PostgresOutbox).state(taken?.id as string)).toBeDefined();
  });

  it('dead-letters a record after the maximum attempts, keeps it, and requeues it on demand', async () => {
    await (pools[0] as PgPoolExecutor).query(`INSERT INTO outbox (work_id, operation, pending_stores) VALUES ('W-poison', 'create', ARRAY['elasticsearch', 'neo4j'])`);
    const failing: DeliveryOutcome = { applied: ['neo4j'], failed: [{ store: 'elasticsearch', error: 'mapper_parsing_exception' }], countsAsAttempt: true };
    let result = '';
    for (let attempt = 1; attempt <= 3; attempt++) {
      const [record] = (await (outboxes[2] as PostgresOutbox).claim('relay-2', 100, 30_000)).filter((r) => r.workId === 'W-poison');
      expect(record).toBeDefined();
      result = await (outboxes[2] as PostgresOutbox).settle(record as OutboxRecord, 'relay-2', failing, 0, 3);
    }
    expect(result).toBe('dead-lettered');
    const [dead] = await (outboxes[2] as PostgresOutbox).deadLetters(10);
    expect(dead).toMatchObject({ workId: 'W-poison', pendingStores: ['elasticsearch'], attempts: 3, lastError: 'elasticsearch: mapper_parsing_exception' });
    expect((await (outboxes[2] as PostgresOutbox).claim('relay-2', 100, 30_000)).filter((r) => r.workId === 'W-poison')).toEqual([]);
    expect(await (outboxes[2] as PostgresOutbox).requeue([dead?.id as string])).toBe(1);
    const [again] = (await (outboxes[2] as PostgresOutbox).claim('relay-2', 100, 30_000)).filter((r) => r.workId === 'W-poison');
    expect(again).toMatchObject({ id: dead?.id, attempts: 0, pendingStores: ['elasticsearch'] });
  });
});
