import { emptyBatch } from '../../../../datasources/writes/catalogWrite';
import { IDS_PER_STATEMENT, InfluxProjection, ROUND_SUBJECTS, staleDeletions, WRITE_CHUNK } from '../../../../datasources/influxdb/InfluxProjection';
import { InfluxHttpError } from '../../../../datasources/influxdb/InfluxV1Client';
import { isTransientInfluxError } from '../../../../datasources/influxdb/isTransientInfluxError';
import { StorePolicy } from '../../../../datasources/shared/StorePolicy';
import type { SubjectKey, SubjectTotalsRound, SubjectTrendTotals, SubjectYearTotal } from '../../../../datasources/writes/SubjectTrendTotals';
import type { Logger } from '../../../../src/core/logger';
import { FakeInflux } from './fakeInflux';
import { workWrite } from '../../../support/workWrite';

const policy = () => new StorePolicy('influxdb', isTransientInfluxError, { maxAttempts: 1 });
const jan1 = (year: number) => Date.UTC(year, 0, 1);
const key = (s: SubjectKey) => `${s.kind}:${s.id}`;

type Yearly = Omit<SubjectYearTotal, 'kind' | 'id'>;

/** The catalog side in memory: subjects per work, totals per subject, a queue without duplicates. */
class FakeTotals implements SubjectTrendTotals {
  queue: SubjectKey[] = [];
  readonly queuedWorks: string[][] = [];
  readonly rounds: number[] = [];

  constructor(
    private readonly subjectsOf: (workId: string) => SubjectKey[],
    private readonly totalsOf: (subject: SubjectKey) => Yearly[],
  ) {}

  enqueue(subject: SubjectKey): void {
    if (!this.queue.some((q) => key(q) === key(subject))) this.queue.push(subject);
  }

  async queueSubjectsOfWorks(workIds: readonly string[]): Promise<void> {
    this.queuedWorks.push([...workIds]);
    for (const id of workIds) for (const s of this.subjectsOf(id)) this.enqueue(s);
  }

  async recomputeQueued(limit: number, write: (round: SubjectTotalsRound) => Promise<void>): Promise<number> {
    const taken = this.queue.slice(0, limit);
    if (taken.length === 0) return 0;
    this.rounds.push(taken.length);
    await write({ subjects: taken, totals: taken.flatMap((s) => this.totalsOf(s).map((t) => ({ ...s, ...t }))) });
    this.queue = this.queue.slice(taken.length);
    return taken.length;
  }
}

describe('InfluxProjection', () => {
  it('is the influxdb projection and creates its database when missing, leaving an existing one alone', async () => {
    const existing = new Set<string>(['_internal']);
    const fake = new FakeInflux((text) => {
      if (text === 'SHOW DATABASES') return [{ name: 'databases', tags: {}, rows: [...existing].map((name) => ({ name })) }];
      existing.add('openalex_test');
      return [];
    });
    const projection = new InfluxProjection(fake, policy(), 'openalex_test', new FakeTotals(() => [], () => []));
    expect(projection.store).toBe('influxdb');
    await projection.ensureSchema();
    await projection.ensureSchema();
    expect(fake.queries.map((q) => q.text)).toEqual(['SHOW DATABASES', 'CREATE DATABASE "openalex_test" WITH SHARD DURATION 15210w', 'SHOW DATABASES', 'SHOW TAG KEYS FROM "trend"']);
  });

  it('logs an error when the existing measurement still holds the former work_id layout', async () => {
    const fake = new FakeInflux((text) =>
      text === 'SHOW DATABASES'
        ? [{ name: 'databases', tags: {}, rows: [{ name: 'db' }] }]
        : [{ name: 'trend', tags: {}, rows: ['subject_id', 'subject_kind', 'work_id'].map((tagKey) => ({ tagKey })) }],
    );
    const errors: unknown[] = [];
    const logger = { error: (...args: unknown[]) => errors.push(args), warn: () => undefined } as unknown as Logger;
    await new InfluxProjection(fake, policy(), 'db', new FakeTotals(() => [], () => []), logger).ensureSchema();
    expect(JSON.stringify(errors)).toContain('npm run reindex -- --store influxdb');
  });

  describe('reset', () => {
    const shardsOf = (db: string, ids: number[]) => ({ name: db, tags: {}, rows: ids.map((id) => ({ id, database: db, retention_policy: 'autogen' })) });
    const measurements = (...names: string[]) => (names.length === 0 ? [] : [{ name: 'measurements', tags: {}, rows: names.map((name) => ({ name })) }]);

    it('drops this database’s shards, and no other database’s, when the trend measurement is all it holds', async () => {
      const fake = new FakeInflux((text) => {
        if (text === 'SHOW MEASUREMENTS') return measurements('trend');
        if (text === 'SHOW SHARDS') return [shardsOf('_internal', [1, 2]), shardsOf('trends', [3, 9]), shardsOf('trends_other', [4])];
        return [];
      });
      await new InfluxProjection(fake, policy(), 'trends', new FakeTotals(() => [], () => [])).reset();
      expect(fake.queries.map((q) => q.text)).toEqual(['SHOW MEASUREMENTS', 'SHOW SHARDS', 'DROP SHARD 3', 'DROP SHARD 9']);
    });

    it('drops nothing in an empty database that has no shard yet', async () => {
      const fake = new FakeInflux((text) => (text === 'SHOW SHARDS' ? [shardsOf('trends', [])] : []));
      await new InfluxProjection(fake, policy(), 'trends', new FakeTotals(() => [], () => [])).reset();
      expect(fake.queries.map((q) => q.text)).toEqual(['SHOW MEASUREMENTS', 'SHOW SHARDS']);
    });

    it('drops the measurement alone when another measurement shares the database, and says so', async () => {
      const fake = new FakeInflux((text) => (text === 'SHOW MEASUREMENTS' ? measurements('cpu', 'trend') : []));
      const infos: unknown[] = [];
      const logger = { info: (...args: unknown[]) => infos.push(args), warn: () => undefined } as unknown as Logger;
      await new InfluxProjection(fake, policy(), 'trends', new FakeTotals(() => [], () => []), logger).reset();
      expect(fake.queries.map((q) => q.text)).toEqual(['SHOW MEASUREMENTS', 'DROP MEASUREMENT "trend"']);
      expect(JSON.stringify(infos)).toContain('cpu');
    });

    it('drops the measurement when SHOW SHARDS is refused, and fails on a transient error rather than guessing', async () => {
      const refused = new FakeInflux((text) => {
        if (text === 'SHOW SHARDS') throw new InfluxHttpError('error authorizing query: requires admin privilege', 403);
        return measurements('trend');
      });
      const warnings: unknown[] = [];
      const logger = { warn: (...args: unknown[]) => warnings.push(args) } as unknown as Logger;
      await new InfluxProjection(refused, policy(), 'trends', new FakeTotals(() => [], () => []), logger).reset();
      expect(refused.queries.map((q) => q.text)).toEqual(['SHOW MEASUREMENTS', 'SHOW SHARDS', 'DROP MEASUREMENT "trend"']);
      expect(JSON.stringify(warnings)).toContain('admin');

      const down = new FakeInflux((text) => {
        if (text === 'SHOW SHARDS') throw new InfluxHttpError('influx query failed (503): unavailable', 503);
        return measurements('trend');
      });
      await expect(new InfluxProjection(down, policy(), 'trends', new FakeTotals(() => [], () => [])).reset()).rejects.toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' });
      expect(down.queries.map((q) => q.text)).toEqual(['SHOW MEASUREMENTS', 'SHOW SHARDS']);
    });

    it('refuses a shard id that is not a non-negative integer instead of sending it', async () => {
      const fake = new FakeInflux((text) => (text === 'SHOW SHARDS' ? [{ name: 'trends', tags: {}, rows: [{ id: '1; DROP DATABASE x', database: 'trends' }] }] : []));
      await expect(new InfluxProjection(fake, policy(), 'trends', new FakeTotals(() => [], () => [])).reset()).rejects.toThrow(RangeError);
      expect(fake.queries.map((q) => q.text)).toEqual(['SHOW MEASUREMENTS', 'SHOW SHARDS']);
    });
  });

  it('queues the batch’s subjects, overwrites their totals point by point (no work tag), and deletes years gone to zero', async () => {
    // Stored now: A1 in 2001 and 2020, T1 in 2020, A9 (lost by its only work) in 2001.
    const stored: Record<string, number[]> = { 'author:A1': [2001, 2020], 'topic:T1': [2020], 'author:A9': [2001] };
    const fake = new FakeInflux((text, params) => {
      if (!text.startsWith('SELECT')) return [];
      const ids = Object.entries(params).filter(([p]) => /^s\d+$/.test(p)).map(([, v]) => String(v));
      return ids.flatMap((id) => {
        const years = stored[`${String(params['kind'])}:${id}`];
        return years ? [{ name: 'trend', tags: { subject_id: id }, rows: years.map((y) => ({ time: jan1(y), works: 1 })) }] : [];
      });
    });
    const totals = new FakeTotals(
      () => [
        { kind: 'author', id: 'A1' },
        { kind: 'topic', id: 'T1' },
      ],
      (s) => (s.id === 'A9' ? [] : [{ year: 2020, works: 2, citations: 0 }, { year: 2021, works: 0, citations: s.kind === 'topic' ? 7 : 5 }]),
    );
    totals.enqueue({ kind: 'author', id: 'A9' }); // as the catalog's trigger does when a byline loses A9
    const projection = new InfluxProjection(fake, policy(), 'db', totals);
    const stale = workWrite({ id: 'W1', publicationYear: 2001 });
    const batch = { ...emptyBatch(), works: [stale, workWrite({ id: 'W2' }), workWrite({ id: 'W1', publicationYear: 2020 })] };
    await projection.apply(batch);

    expect(totals.queuedWorks).toEqual([['W1', 'W2']]); // the last W1 wins, each work once
    expect(totals.queue).toEqual([]);
    expect(fake.log).toEqual(['query:SELECT "works"', 'query:SELECT "works"', 'write:4', 'query:DELETE FROM', 'query:DELETE FROM']);
    expect(fake.writes[0]).toEqual([
      'trend,subject_id=A1,subject_kind=author citations=0i,works=2i 1577836800000000000',
      'trend,subject_id=A1,subject_kind=author citations=5i,works=0i 1609459200000000000',
      'trend,subject_id=T1,subject_kind=topic citations=0i,works=2i 1577836800000000000',
      'trend,subject_id=T1,subject_kind=topic citations=7i,works=0i 1609459200000000000',
    ]);
    const deletes = fake.queries.filter((q) => q.text.startsWith('DELETE'));
    // A9 has nothing left: all its points go (and its series with them); A1 lost 2001 only.
    expect(deletes.map((d) => d.params)).toEqual([
      { kind: 'author', s0: 'A9' },
      { kind: 'author', s0: 'A1', at: '2001-01-01T00:00:00.000Z' },
    ]);

    const sent = fake.writes[0];
    await projection.apply(batch);
    expect(fake.writes[1]).toEqual(sent);
  });

  it('defers recomputation in bulk mode until completeBulk, and recomputes the queue on remove', async () => {
    const fake = new FakeInflux();
    const totals = new FakeTotals((id) => [{ kind: 'author', id: `A${id}` }], () => [{ year: 2000, works: 1, citations: 0 }]);
    const projection = new InfluxProjection(fake, policy(), 'db', totals);
    await projection.apply({ ...emptyBatch(), works: [workWrite({ id: 'W1' })] }, 'bulk');
    await projection.apply({ ...emptyBatch(), works: [workWrite({ id: 'W2' })] }, 'bulk');
    expect(fake.log).toEqual([]);
    expect(totals.queue.map(key)).toEqual(['author:AW1', 'author:AW2']);
    await projection.completeBulk();
    expect(totals.rounds).toEqual([2]);
    expect(fake.writes).toHaveLength(1);
    await projection.completeBulk();
    expect(totals.rounds).toEqual([2]);

    totals.enqueue({ kind: 'topic', id: 'T5' }); // a deleted work's topic, queued by the catalog
    await projection.remove(['W3']);
    expect(totals.rounds).toEqual([2, 1]);
    await projection.remove([]);
    await projection.apply(emptyBatch());
    expect(totals.rounds).toEqual([2, 1]);
  });

  it('runs rounds of ROUND_SUBJECTS until the queue is empty, chunking ids per statement and points per write', async () => {
    const fake = new FakeInflux();
    const years = Array.from({ length: 8 }, (_, i) => ({ year: 2000 + i, works: 1, citations: 1 }));
    const totals = new FakeTotals(() => [], () => years);
    for (let i = 0; i < ROUND_SUBJECTS + 1; i++) totals.enqueue({ kind: 'author', id: `A${i}` });
    const projection = new InfluxProjection(fake, policy(), 'db', totals);
    await projection.completeBulk();
    expect(totals.rounds).toEqual([ROUND_SUBJECTS, 1]);
    const reads = Math.ceil(ROUND_SUBJECTS / IDS_PER_STATEMENT);
    const points = ROUND_SUBJECTS * years.length;
    expect(fake.log).toEqual([
      ...Array.from({ length: reads }, () => 'query:SELECT "works"'),
      ...Array.from({ length: Math.ceil(points / WRITE_CHUNK) }, (_, i) => `write:${Math.min(WRITE_CHUNK, points - i * WRITE_CHUNK)}`),
      'query:SELECT "works"',
      `write:${years.length}`,
    ]);
  });

  it('leaves out totals of years InfluxDB cannot hold', async () => {
    const fake = new FakeInflux();
    const totals = new FakeTotals(() => [], () => [{ year: 1500, works: 1, citations: 0 }, { year: 2000, works: 0, citations: 2 }, { year: 2300, works: 0, citations: 1 }]);
    totals.enqueue({ kind: 'topic', id: 'T1' });
    await new InfluxProjection(fake, policy(), 'db', totals).completeBulk();
    expect(fake.writes).toEqual([['trend,subject_id=T1,subject_kind=topic citations=2i,works=0i 946684800000000000']]);
  });
});

describe('staleDeletions', () => {
  it('deletes nothing for subjects that keep all their stored years or had none, groups lost years by kind and year', () => {
    const subjects: SubjectKey[] = [
      { kind: 'author', id: 'A1' },
      { kind: 'author', id: 'A2' },
      { kind: 'author', id: 'A3' },
      { kind: 'topic', id: 'T1' },
      { kind: 'topic', id: 'T2' },
    ];
    const stored = new Map([
      ['author\u0000A1', [2000, 2001]],
      ['author\u0000A2', [2001, 2002]],
      ['topic\u0000T1', [2001]],
      ['topic\u0000T2', [2003]],
    ]);
    const fresh = new Map([
      ['author\u0000A1', new Set([2000, 2001])],
      ['author\u0000A2', new Set([2002])],
      ['author\u0000A3', new Set([2002])],
      ['topic\u0000T1', new Set([2002])],
    ]);
    expect(staleDeletions(subjects, stored, fresh).map((s) => s.params)).toEqual([
      { kind: 'topic', s0: 'T2' },
      { kind: 'author', s0: 'A2', at: '2001-01-01T00:00:00.000Z' },
      { kind: 'topic', s0: 'T1', at: '2001-01-01T00:00:00.000Z' },
    ]);
  });
});
