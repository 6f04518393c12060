import type { Point } from '@influxdata/influxdb-client';
import type { InfluxParams, InfluxQueryOptions, InfluxSeries } from '../../datasources/influxdb/InfluxV1Client';

/**
 * A fake of the InfluxDB client for the trend projection, holding points in memory the way InfluxDB does: a point's
 * identity is its series (measurement + tag set) and timestamp, a write overwrites, and a series whose last point
 * is deleted is gone. It answers the projection's statements only — SHOW/CREATE DATABASE, the stored-years SELECT
 * and DELETE — reading their bound parameters; anything else throws.
 */
export class InMemoryTrendSeries {
  /** `subject_kind:subject_id` → year → values. */
  private readonly series = new Map<string, Map<number, { works: number; citations: number }>>();

  async write(points: readonly Point[]): Promise<void> {
    for (const line of points.map((p) => p.toLineProtocol() ?? '')) {
      const m = /^trend,subject_id=(\S+),subject_kind=(\w+) citations=(\d+)i,works=(\d+)i (-?\d+)$/.exec(line);
      if (!m) throw new Error(`unexpected line protocol: ${line}`);
      const [, id, kind, citations, works, ns] = m as unknown as [string, string, string, string, string, string];
      const key = `${kind}:${id}`;
      const years = this.series.get(key) ?? new Map<number, { works: number; citations: number }>();
      this.series.set(key, years);
      years.set(new Date(Number(BigInt(ns) / 1_000_000n)).getUTCFullYear(), { works: Number(works), citations: Number(citations) });
    }
  }

  async query(text: string, params: InfluxParams = {}, _options: InfluxQueryOptions = {}): Promise<InfluxSeries[]> {
    if (text === 'SHOW DATABASES' || text.startsWith('CREATE DATABASE')) return [];
    const kind = String(params['kind']);
    const ids = Object.keys(params)
      .filter((p) => /^s\d+$/.test(p))
      .map((p) => String(params[p]));
    if (text.startsWith('SELECT "works" FROM "trend"')) {
      return ids.flatMap((id) => {
        const years = this.series.get(`${kind}:${id}`);
        return years ? [{ name: 'trend', tags: { subject_id: id }, rows: [...years.keys()].map((y) => ({ time: Date.UTC(y, 0, 1), works: years.get(y)?.works })) }] : [];
      });
    }
    if (text.startsWith('DELETE FROM "trend"')) {
      const at = params['at'] === undefined ? undefined : new Date(String(params['at'])).getUTCFullYear();
      for (const id of ids) {
        const years = this.series.get(`${kind}:${id}`);
        if (!years) continue;
        if (at === undefined) years.clear();
        else years.delete(at);
        if (years.size === 0) this.series.delete(`${kind}:${id}`);
      }
      return [];
    }
    throw new Error(`unexpected InfluxQL: ${text}`);
  }

  /** Every point, as `kind:id` → `year` → values (the series count is its size). */
  points(): Map<string, Map<number, { works: number; citations: number }>> {
    return new Map([...this.series].map(([key, years]) => [key, new Map(years)]));
  }
}
