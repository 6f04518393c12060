import { emptyBatch } from '../../../../datasources/writes/catalogWrite';
import { DROP_CHUNK, InfluxProjection, WRITE_CHUNK } from '../../../../datasources/influxdb/InfluxProjection';
import { isTransientInfluxError } from '../../../../datasources/influxdb/isTransientInfluxError';
import { StorePolicy } from '../../../../datasources/shared/StorePolicy';
import { FakeInflux } from './fakeInflux';
import { byline, workWrite } from '../../../support/workWrite';

const policy = () => new StorePolicy('influxdb', isTransientInfluxError, { maxAttempts: 1 });

describe('InfluxProjection', () => {
  it('is the influxdb projection and creates its database when missing, leaving an existing one alone', async () => {
    const existing = new Set<string>(['_internal']);
    const fake = new FakeInflux((text) => {
      if (text === 'SHOW DATABASES') return [{ name: 'databases', tags: {}, rows: [...existing].map((name) => ({ name })) }];
      existing.add('openalex_test');
      return [];
    });
    const projection = new InfluxProjection(fake, policy(), 'openalex_test');
    expect(projection.store).toBe('influxdb');
    await projection.ensureSchema();
    await projection.ensureSchema();
    expect(fake.queries.map((q) => q.text)).toEqual(['SHOW DATABASES', 'CREATE DATABASE "openalex_test"', 'SHOW DATABASES']);
  });

  it('drops every series of the batch’s works, then writes their points; the same batch twice sends the same', async () => {
    const fake = new FakeInflux();
    const projection = new InfluxProjection(fake, policy(), 'db');
    const stale = workWrite({ id: 'W1', publicationYear: 2001, authorships: byline('A9') });
    const work = workWrite({ id: 'W1', publicationYear: 2020, countsByYear: [{ year: 2021, citedByCount: 2 }], authorships: byline('A1', 'A1'), topics: [{ topicId: 'T1', score: 1 }] });
    const other = workWrite({ id: 'W2', countsByYear: [{ year: 2022, citedByCount: 1 }] });
    // The same work twice in a batch: the last one wins, as in the catalog.
    const batch = { ...emptyBatch(), works: [stale, other, work] };
    await projection.apply(batch);
    expect(fake.log).toEqual(['query:DROP SERIES', 'write:7']);
    expect(fake.queries[0]?.params).toEqual({ w0: 'W1', w1: 'W2' });
    const first = fake.writes[0];
    expect(first?.filter((l) => l.includes('work_id=W1'))).toHaveLength(6); // (work, A1, T1) × (2020, 2021)
    // Nothing of the overridden copy of W1 (author A9, published 2001 = 978307200000000000 ns).
    expect(first?.some((l) => l.includes('A9') || l.endsWith(' 978307200000000000'))).toBe(false);
    await projection.apply(batch);
    expect(fake.writes[1]).toEqual(first);
  });

  it('sends nothing for a batch without works, and chunks drops and writes', async () => {
    const fake = new FakeInflux();
    const projection = new InfluxProjection(fake, policy(), 'db');
    await projection.apply(emptyBatch());
    expect(fake.log).toEqual([]);
    const works = Array.from({ length: DROP_CHUNK + 1 }, (_, i) =>
      workWrite({ id: `W${i + 1}`, publicationYear: 2000, countsByYear: Array.from({ length: 25 }, (_, y) => ({ year: 2000 + y, citedByCount: 1 })), authorships: byline('A1', 'A2') }),
    );
    await projection.apply({ ...emptyBatch(), works });
    const points = (DROP_CHUNK + 1) * 25 * 3;
    expect(fake.log).toEqual(['query:DROP SERIES', 'query:DROP SERIES', ...Array.from({ length: Math.ceil(points / WRITE_CHUNK) }, (_, i) => `write:${Math.min(WRITE_CHUNK, points - i * WRITE_CHUNK)}`)]);
    expect(Object.keys(fake.queries[1]?.params ?? {})).toEqual(['w0']);
  });
});
