import { randomBytes } from 'node:crypto';
import { InfluxProjection } from '../../datasources/influxdb/InfluxProjection';
import { InfluxTrendStore } from '../../datasources/influxdb/InfluxTrendStore';
import { InfluxV1Client } from '../../datasources/influxdb/InfluxV1Client';
import { isTransientInfluxError } from '../../datasources/influxdb/isTransientInfluxError';
import { createDatabaseStatement, quoteIdentifier } from '../../datasources/influxdb/trendInfluxql';
import { toPoint } from '../../datasources/influxdb/trendPoints';
import { StorePolicy } from '../../datasources/shared/StorePolicy';
import { storeEndpoints } from '../support/storeEndpoints';
import { describeStore } from './support/describeStore';

/**
 * One series per subject means about one `subject_id` value per work: InfluxDB 1.x's defaults refuse the 100,001st
 * value of a tag (`max-values-per-tag`), which a 1,000,000-work seed met. The server scripts/services starts must take
 * more, and answer for a subject past that bound.
 */
describeStore('influxdb', 'InfluxDB as scripts/services configures it holds more subjects than its default tag-value limit', () => {
  const database = `openalex_it_limits_${randomBytes(6).toString('hex')}`;
  const client = new InfluxV1Client({ url: storeEndpoints.influxdb, database, timeoutMs: 60_000 });
  const SUBJECTS = 100_001;
  const idOf = (i: number) => `A${9_000_000_000 + i}`;
  // The totals written, computed from the index alone: the ground truth of the reads below.
  const works = (i: number) => (i % 7) + 1;
  const citations = (i: number) => (i * 3) % 11;

  beforeAll(async () => {
    await client.query(createDatabaseStatement(database));
  });
  afterAll(async () => {
    await client.query(`DROP DATABASE ${quoteIdentifier(database)}`);
  });

  it(`takes ${SUBJECTS.toLocaleString('en-US')} distinct subject_id values and answers trends for the last and a middle one`, async () => {
    for (let start = 0; start < SUBJECTS; start += 10_000) {
      const points = [];
      for (let i = start; i < Math.min(SUBJECTS, start + 10_000); i += 1) points.push(toPoint({ kind: 'author', id: idOf(i), year: 2020, works: works(i), citations: citations(i) }));
      await client.write(points);
    }
    const [cardinality] = await client.query('SHOW TAG VALUES EXACT CARDINALITY WITH KEY = "subject_id"');
    expect(Number(cardinality?.rows[0]?.['count'])).toBe(SUBJECTS);

    const noWorks = { trends: async () => [] };
    const trends = new InfluxTrendStore(client, new StorePolicy('influxdb', isTransientInfluxError), noWorks);
    const asked = [SUBJECTS - 1, 50_000, 0];
    const answered = await trends.trends(
      asked.map((i) => ({ kind: 'author' as const, id: idOf(i) })),
      { from: 2019, to: 2021, interval: 'YEAR' },
    );
    expect(answered).toEqual(
      asked.map((i) => [
        { period: 2019, works: 0, citations: 0 },
        { period: 2020, works: works(i), citations: citations(i) },
        { period: 2021, works: 0, citations: 0 },
      ]),
    );
  }, 120_000);

  it('empties the measurement of those 100,001 series by dropping the database’s shard, leaving a neighbour database alone, and takes writes again', async () => {
    const neighbour = new InfluxV1Client({ url: storeEndpoints.influxdb, database: `${database}_neighbour`, timeoutMs: 60_000 });
    await neighbour.query(createDatabaseStatement(`${database}_neighbour`));
    try {
      await neighbour.write([toPoint({ kind: 'topic', id: 'T1', year: 2020, works: 3, citations: 4 })]);
      const unusedTotals = { queueSubjectsOfWorks: async () => undefined, recomputeQueued: async () => 0 };
      await new InfluxProjection(client, new StorePolicy('influxdb', isTransientInfluxError, { timeoutMs: 60_000 }), database, unusedTotals).reset();

      const shards = await client.query('SHOW SHARDS');
      expect(shards.filter((s) => s.name === database).flatMap((s) => s.rows)).toEqual([]);
      expect(await client.query('SELECT count("works") FROM "trend"')).toEqual([]);
      const [left] = await neighbour.query('SELECT count("works") AS n FROM "trend"');
      expect(left?.rows[0]?.['n']).toBe(1);

      await client.write([toPoint({ kind: 'author', id: idOf(7), year: 2021, works: 2, citations: 5 })]);
      const [after] = await client.query('SELECT "works", "citations" FROM "trend"', {}, { epoch: 'ms' });
      expect(after?.rows).toEqual([{ time: Date.UTC(2021, 0, 1), works: 2, citations: 5 }]);
    } finally {
      await neighbour.query(`DROP DATABASE ${quoteIdentifier(`${database}_neighbour`)}`);
    }
  }, 120_000);
});
