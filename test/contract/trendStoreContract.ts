import type { TrendInterval, TrendPointRecord, TrendRange, TrendStore, TrendSubject } from '../../datasources/TrendStore';
import { sampleGroundTruth, type TruthWork } from '../support/sampleGroundTruth';

/**
 * The contract every `TrendStore` meets, checked against ground truth computed from data/sample's JSON
 * (`sampleGroundTruth`: publication_year, counts_by_year, authorships, topics; plain JSON.parse) — never
 * against the code's own output, and without the gateway's period helper. Declared inside the caller's
 * describe, whose beforeAll loads the whole sample into the store behind `store()`.
 * Ranges with from > to or over 200 years are rejected by the resolver and are not part of the contract.
 */
export function trendStoreContract(name: string, store: () => TrendStore): void {
  const truth = buildTruth();
  const UNKNOWN_AUTHOR = 'A9999999990';
  const UNKNOWN_WORK = 'W9999999990';
  const UNKNOWN_TOPIC = 'T9999990';

  const expected = (subject: TrendSubject, range: TrendRange) => expectedPoints(truth.worksOf(subject), range);
  /** Series with their subject, so that a failure names the subject. */
  const labelled = (subjects: readonly TrendSubject[], series: readonly TrendPointRecord[][]) => subjects.map((s, i) => ({ ...s, points: series[i] }));
  const check = async (subjects: readonly TrendSubject[], range: TrendRange) => {
    const series = await store().trends(subjects, range);
    expect(series).toHaveLength(subjects.length);
    expect(labelled(subjects, series)).toEqual(labelled(subjects, subjects.map((s) => expected(s, range))));
    return series;
  };

  describe(`TrendStore contract (${name})`, () => {
    it('answers the five sample authors year by year 1990..2026 in one call, aligned, an unknown author all zeros', async () => {
      expect(truth.authorIds).toHaveLength(5);
      const subjects: TrendSubject[] = [...truth.authorIds.map((id) => ({ kind: 'author' as const, id })), { kind: 'author', id: UNKNOWN_AUTHOR }];
      const range: TrendRange = { from: 1990, to: 2026, interval: 'YEAR' };
      const series = await check(subjects, range);
      for (const points of series) expect(points.map((p) => p.period)).toEqual(years(1990, 2026));
      expect(series.at(-1)?.every((p) => p.works === 0 && p.citations === 0)).toBe(true);
      // The truth is not trivially zero: every author has works and citations in the range.
      for (const id of truth.authorIds) {
        const points = expected({ kind: 'author', id }, range);
        expect(points.some((p) => p.works > 0)).toBe(true);
        expect(points.some((p) => p.citations > 0)).toBe(true);
      }
    });

    it('keeps alignment for any order, duplicates and unknown subjects between known ones', async () => {
      const [a, b, c] = truth.authorIds as [string, string, string];
      const subjects: TrendSubject[] = [
        { kind: 'author', id: c },
        { kind: 'author', id: UNKNOWN_AUTHOR },
        { kind: 'author', id: a },
        { kind: 'author', id: c },
        { kind: 'author', id: b },
      ];
      await check(subjects, { from: 2010, to: 2026, interval: 'YEAR' });
    });

    it('answers works (the most cited, the oldest, the newest, an unknown one): 1 in the publication year, counts_by_year citations', async () => {
      const subjects: TrendSubject[] = [...truth.sampleWorkIds.map((id) => ({ kind: 'work' as const, id })), { kind: 'work', id: UNKNOWN_WORK }];
      const range: TrendRange = { from: 1950, to: 2026, interval: 'YEAR' };
      const series = await check(subjects, range);
      for (const [i, id] of truth.sampleWorkIds.entries()) {
        const work = truth.works.get(id) as TruthWork;
        expect(series[i]?.filter((p) => p.works > 0).map((p) => [p.period, p.works])).toEqual([[work.publicationYear, 1]]);
        expect(series[i]?.reduce((n, p) => n + p.citations, 0)).toBe(work.countsByYear.reduce((n, c) => n + c.cited_by_count, 0));
      }
      expect(series[0]?.reduce((n, p) => n + p.citations, 0)).toBeGreaterThan(1000);
    });

    it('answers the most frequent topics of the sample over the works having them, and an unknown topic', async () => {
      const subjects: TrendSubject[] = [...truth.topTopicIds.map((id) => ({ kind: 'topic' as const, id })), { kind: 'topic', id: UNKNOWN_TOPIC }];
      const series = await check(subjects, { from: 2000, to: 2026, interval: 'YEAR' });
      for (const [i, id] of truth.topTopicIds.entries()) {
        expect(series[i]?.reduce((n, p) => n + p.works, 0)).toBe(truth.worksOf({ kind: 'topic', id }).filter((w) => (w.publicationYear ?? 0) >= 2000).length);
      }
    });

    it('answers subjects of every kind mixed in one call, aligned', async () => {
      const subjects: TrendSubject[] = [
        { kind: 'topic', id: truth.topTopicIds[0] as string },
        { kind: 'author', id: truth.authorIds[1] as string },
        { kind: 'work', id: truth.sampleWorkIds[0] as string },
        { kind: 'work', id: UNKNOWN_WORK },
        { kind: 'author', id: truth.authorIds[0] as string },
        { kind: 'topic', id: UNKNOWN_TOPIC },
      ];
      await check(subjects, { from: 2012, to: 2026, interval: 'YEAR' });
    });

    it('sums five-year periods aligned on multiples of 5; partial periods only count years inside the range', async () => {
      const subjects = allKinds(truth);
      const range: TrendRange = { from: 2017, to: 2026, interval: 'FIVE_YEARS' };
      const series = await check(subjects, range);
      for (const points of series) expect(points.map((p) => p.period)).toEqual([2015, 2020, 2025]);
      // 2015 holds 2017..2019 only, 2025 holds 2025..2026 only.
      const author = truth.worksOf(subjects[0] as TrendSubject);
      expect(series[0]?.[0]?.citations).toBe(citationsIn(author, 2017, 2019));
      expect(series[0]?.[2]?.citations).toBe(citationsIn(author, 2025, 2026));
    });

    it('sums decades aligned on multiples of 10, over the whole sample span', async () => {
      const subjects = allKinds(truth);
      const series = await check(subjects, { from: 1950, to: 2026, interval: 'DECADE' });
      for (const points of series) expect(points.map((p) => p.period)).toEqual([1950, 1960, 1970, 1980, 1990, 2000, 2010, 2020]);
      await check(subjects, { from: 2013, to: 2021, interval: 'DECADE' });
      await check(subjects, { from: 2003, to: 2027, interval: 'FIVE_YEARS' });
    });

    it('answers one-year ranges, ranges before any data, and ranges beyond the sample with zeros', async () => {
      const subjects = allKinds(truth);
      await check(subjects, { from: 2020, to: 2020, interval: 'YEAR' });
      await check(subjects, { from: 2021, to: 2021, interval: 'DECADE' });
      const before = await check(subjects, { from: 1801, to: 1840, interval: 'DECADE' });
      expect(before.flat().every((p) => p.works === 0 && p.citations === 0)).toBe(true);
      expect(before[0]?.map((p) => p.period)).toEqual([1800, 1810, 1820, 1830, 1840]);
      await check(subjects, { from: 2020, to: 2100, interval: 'DECADE' });
    });

    it('answers an empty list of subjects with an empty list', async () => {
      expect(await store().trends([], { from: 2000, to: 2010, interval: 'YEAR' })).toEqual([]);
    });
  });
}

/** One subject of each kind with data, plus the sample's first author again. */
function allKinds(truth: Truth): TrendSubject[] {
  return [
    { kind: 'author', id: truth.authorIds[0] as string },
    { kind: 'author', id: truth.authorIds[4] as string },
    { kind: 'work', id: truth.sampleWorkIds[0] as string },
    { kind: 'topic', id: truth.topTopicIds[0] as string },
    { kind: 'topic', id: truth.topTopicIds[2] as string },
  ];
}

function years(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

function citationsIn(works: readonly TruthWork[], from: number, to: number): number {
  return works.flatMap((w) => w.countsByYear).reduce((n, c) => n + (c.year >= from && c.year <= to ? c.cited_by_count : 0), 0);
}

const PERIOD_YEARS: Record<TrendInterval, number> = { YEAR: 1, FIVE_YEARS: 5, DECADE: 10 };

/** The expected series, straight from the truth: each period sums the years of it that lie within from..to. */
function expectedPoints(works: readonly TruthWork[], range: TrendRange): TrendPointRecord[] {
  const size = PERIOD_YEARS[range.interval];
  const points: TrendPointRecord[] = [];
  for (let period = range.from - (range.from % size); period <= range.to; period += size) {
    const first = Math.max(period, range.from);
    const last = Math.min(period + size - 1, range.to);
    points.push({
      period,
      works: works.filter((w) => w.publicationYear !== null && w.publicationYear >= first && w.publicationYear <= last).length,
      citations: citationsIn(works, first, last),
    });
  }
  return points;
}

type Truth = ReturnType<typeof buildTruth>;

function buildTruth() {
  const { works, authors } = sampleGroundTruth();
  const all = [...works.values()];
  const topicCounts = new Map<string, number>();
  for (const w of all) for (const id of new Set(w.topicIds)) topicCounts.set(id, (topicCounts.get(id) ?? 0) + 1);
  const byCitations = [...all].sort((a, b) => b.citedByCount - a.citedByCount || a.id.localeCompare(b.id));
  const byYear = [...all].filter((w) => w.publicationYear !== null).sort((a, b) => (a.publicationYear as number) - (b.publicationYear as number) || a.id.localeCompare(b.id));
  const sampleWorkIds = [...new Set([byCitations[0], byCitations[1], byYear[0], byYear.at(-1), byCitations.at(-1)].map((w) => (w as TruthWork).id))];
  return {
    works,
    authorIds: [...authors.keys()],
    sampleWorkIds,
    topTopicIds: [...topicCounts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 5).map(([id]) => id),
    /** The loaded works a subject counts (an author's works: each work once, however often the author is on its byline). */
    worksOf(subject: TrendSubject): TruthWork[] {
      if (subject.kind === 'work') return all.filter((w) => w.id === subject.id);
      if (subject.kind === 'author') return all.filter((w) => w.authorships.some((a) => a.authorId === subject.id));
      return all.filter((w) => w.topicIds.includes(subject.id));
    },
  };
}
