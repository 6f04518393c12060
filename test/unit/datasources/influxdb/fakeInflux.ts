import type { Point } from '@influxdata/influxdb-client';
import type { InfluxParams, InfluxQueryOptions, InfluxSeries } from '../../../../datasources/influxdb/InfluxV1Client';

/** Records what a store sends to InfluxDB and answers queries with canned series. */
export class FakeInflux {
  readonly queries: { text: string; params: InfluxParams; options: InfluxQueryOptions }[] = [];
  readonly writes: string[][] = [];
  /** Everything sent, in order: `query:<text>` or `write:<n points>`. */
  readonly log: string[] = [];

  constructor(private readonly answer: (text: string, params: InfluxParams) => InfluxSeries[] = () => []) {}

  async query(text: string, params: InfluxParams = {}, options: InfluxQueryOptions = {}): Promise<InfluxSeries[]> {
    this.queries.push({ text, params, options });
    this.log.push(`query:${text.split(' ').slice(0, 2).join(' ')}`);
    return this.answer(text, params);
  }

  async write(points: readonly Point[]): Promise<void> {
    this.writes.push(points.map((p) => p.toLineProtocol() ?? ''));
    this.log.push(`write:${points.length}`);
  }
}
