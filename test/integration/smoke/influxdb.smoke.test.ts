import { randomUUID } from 'node:crypto';
import { Point } from '@influxdata/influxdb-client';
import { InfluxV1Client } from '../../../datasources/influxdb/InfluxV1Client';
import { influxDatabase, storeEndpoints } from '../../support/storeEndpoints';
import { describeStore } from '../support/describeStore';

describeStore('influxdb', 'smoke', () => {
  const client = new InfluxV1Client({ url: storeEndpoints.influxdb, database: influxDatabase });

  it('writes points as line protocol and reads them back with a parameterised InfluxQL query', async () => {
    const run = randomUUID();
    // A tag value with a space and a comma checks the Point escaping.
    const points = [2019, 2020].map((year, i) =>
      new Point('smoke').tag('run', run).tag('subject', 'work W1, draft').intField('citations', 10 + i).timestamp(new Date(Date.UTC(year, 0, 1))),
    );
    await client.write(points);
    const series = await client.query('SELECT "citations", "subject" FROM "smoke" WHERE "run" = $run ORDER BY time', { run });
    expect(series).toHaveLength(1);
    expect(series[0]?.rows.map((r) => [r['citations'], r['subject']])).toEqual([
      [10, 'work W1, draft'],
      [11, 'work W1, draft'],
    ]);
    await client.query('DROP SERIES FROM "smoke" WHERE "run" = $run', { run });
  });
});
