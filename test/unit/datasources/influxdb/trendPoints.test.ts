import { isStorableYear, toPoint, trendFactsOfWork, yearOfEpochMs, yearStart } from '../../../../datasources/influxdb/trendPoints';
import { byline, workWrite } from '../../../support/workWrite';

describe('trend points of a work', () => {
  it('writes one fact per subject (the work, each distinct author, each topic) and year with values', () => {
    const { facts, unstorableYears } = trendFactsOfWork(
      workWrite({
        id: 'W1',
        publicationYear: 2019,
        countsByYear: [
          { year: 2021, citedByCount: 4 },
          { year: 2020, citedByCount: 3 },
          { year: 2022, citedByCount: 0 },
        ],
        authorships: byline('A1', 'A2', 'A1'),
        topics: [
          { topicId: 'T1', score: 0.9 },
          { topicId: 'T2', score: 0.5 },
        ],
      }),
    );
    expect(unstorableYears).toEqual([]);
    const subjects = ['work:W1', 'author:A1', 'author:A2', 'topic:T1', 'topic:T2'];
    expect(facts.map((f) => `${f.kind}:${f.subjectId}@${f.year}=${f.works}/${f.citations}`)).toEqual([
      ...subjects.map((s) => `${s}@2019=1/0`),
      ...subjects.map((s) => `${s}@2020=0/3`),
      ...subjects.map((s) => `${s}@2021=0/4`),
    ]);
    expect(new Set(facts.map((f) => f.workId))).toEqual(new Set(['W1']));
  });

  it('makes no subject of a byline name OpenAlex could not attach to an author', () => {
    const { facts } = trendFactsOfWork(workWrite({ id: 'W5', publicationYear: 2010, authorships: byline(null, 'A1', null) }));
    expect(facts.map((f) => `${f.kind}:${f.subjectId}@${f.year}=${f.works}/${f.citations}`)).toEqual(['work:W5@2010=1/0', 'author:A1@2010=1/0']);
  });

  it('puts works and citations of the publication year on one point, and sums a year listed twice', () => {
    const { facts } = trendFactsOfWork(
      workWrite({
        id: 'W2',
        publicationYear: 2020,
        countsByYear: [
          { year: 2020, citedByCount: 2 },
          { year: 2020, citedByCount: 5 },
        ],
      }),
    );
    expect(facts).toEqual([{ kind: 'work', subjectId: 'W2', workId: 'W2', year: 2020, works: 1, citations: 7 }]);
  });

  it('writes nothing for a work without a year, and reports years InfluxDB cannot hold', () => {
    expect(trendFactsOfWork(workWrite({ id: 'W3', authorships: byline('A1') }))).toEqual({ facts: [], unstorableYears: [] });
    const { facts, unstorableYears } = trendFactsOfWork(workWrite({ id: 'W4', publicationYear: 1500, countsByYear: [{ year: 2300, citedByCount: 1 }, { year: 2000, citedByCount: 1 }] }));
    expect(unstorableYears).toEqual([1500, 2300]);
    expect(facts.map((f) => f.year)).toEqual([2000]);
    expect([1677, 1678, 2262, 2263].map(isStorableYear)).toEqual([false, true, true, false]);
  });

  it('serialises a fact as line protocol on Jan 1 UTC, escaping tag values', () => {
    const line = toPoint({ kind: 'author', subjectId: 'A 1,x=y', workId: 'W1', year: 1800, works: 1, citations: 0 }).toLineProtocol();
    expect(line).toBe('trend,subject_id=A\\ 1\\,x\\=y,subject_kind=author,work_id=W1 citations=0i,works=1i -5364662400000000000');
    expect(toPoint({ kind: 'work', subjectId: 'W1', workId: 'W1', year: 2020, works: 1, citations: 2 }).toLineProtocol()).toBe(
      'trend,subject_id=W1,subject_kind=work,work_id=W1 citations=2i,works=1i 1577836800000000000',
    );
  });

  it('maps years to Jan 1 UTC and back, also before 1970 and before year 100', () => {
    expect(yearStart(2020).toISOString()).toBe('2020-01-01T00:00:00.000Z');
    expect(yearStart(1678).toISOString()).toBe('1678-01-01T00:00:00.000Z');
    expect(yearStart(50).getUTCFullYear()).toBe(50);
    expect(yearOfEpochMs(yearStart(1951).getTime())).toBe(1951);
    expect(yearOfEpochMs(yearStart(2262).getTime())).toBe(2262);
  });
});
