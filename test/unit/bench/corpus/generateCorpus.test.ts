import { Readable } from 'node:stream';

import { corpusWorkNumber } from '../../../../bench/corpus/corpusIds';
import { EXTERNAL_REFERENCES_KEPT, generateCorpus } from '../../../../bench/corpus/generateCorpus';
import { catalogBatchFromOpenAlex } from '../../../../src/seed/catalogBatchFromOpenAlex';
import { readOpenAlex } from '../../../../src/seed/readOpenAlex';
import { corpusSample, type GeneratedCorpus, generateInMemory } from '../../../support/generatedCorpus';

/* eslint-disable @typescript-eslint/no-explicit-any -- raw OpenAlex JSON */

const WORKS = 2000;
const short = (url: string): string => url.slice(url.lastIndexOf('/') + 1);

/** The citation graph as the lines state it, recounted without the generator's code. */
interface Recount {
  readonly inDegrees: Map<string, number>;
  readonly citers: Map<string, string[]>;
  readonly internalEdges: number;
  readonly externalReferences: number;
}

function recount(works: readonly any[]): Recount {
  const ids = new Set(works.map((w) => short(w.id)));
  const inDegrees = new Map([...ids].map((id) => [id, 0]));
  const citers = new Map<string, string[]>();
  let internalEdges = 0;
  let externalReferences = 0;
  for (const work of works) {
    for (const ref of work.referenced_works.map(short)) {
      if (!ids.has(ref)) {
        externalReferences++;
        continue;
      }
      internalEdges++;
      inDegrees.set(ref, (inDegrees.get(ref) as number) + 1);
      citers.set(ref, [...(citers.get(ref) ?? []), short(work.id)]);
    }
  }
  return { inDegrees, citers, internalEdges, externalReferences };
}

/** A textbook breadth-first search from `hub` over "is cited by": the works first reached at each depth 1 … 3. */
function bfsCiters(hub: string, citers: ReadonlyMap<string, readonly string[]>): string[][] {
  const depth = new Map([[hub, 0]]);
  const levels: string[][] = [[], [], []];
  const queue = [hub];
  for (let at = 0; at < queue.length; at++) {
    const work = queue[at] as string;
    const d = depth.get(work) as number;
    if (d === 3) continue;
    for (const citer of citers.get(work) ?? []) {
      if (depth.has(citer)) continue;
      depth.set(citer, d + 1);
      levels[d]?.push(citer);
      queue.push(citer);
    }
  }
  return levels.map((level) => level.sort());
}

describe(`generateCorpus (${WORKS} works)`, () => {
  let corpus: GeneratedCorpus;
  let works: any[];
  let graph: Recount;
  beforeAll(() => {
    corpus = generateInMemory(WORKS, 42);
    works = corpus.lines.map((line) => JSON.parse(line) as any);
    graph = recount(works);
  });

  it('is deterministic by seed: the same seed gives the same bytes, another seed others', () => {
    const again = generateInMemory(WORKS, 42);
    expect(again.lines.join('\n')).toBe(corpus.lines.join('\n'));
    expect(again.truth).toEqual(corpus.truth);
    const other = generateInMemory(WORKS, 43);
    expect(other.lines).toHaveLength(WORKS);
    expect(other.lines.join('\n')).not.toBe(corpus.lines.join('\n'));
  });

  it('writes works the seed reader reads and maps without a rejection', async () => {
    const stdin = Readable.from([Buffer.from(corpus.lines.map((line) => `${line}\n`).join(''))]);
    const items = [];
    for await (const item of readOpenAlex(['-'], { stdin })) items.push(item);
    expect(items.filter((item) => item.kind !== 'work')).toEqual([]);
    expect(items).toHaveLength(WORKS);
    const problems: string[] = [];
    for (const item of items) {
      if (item.kind !== 'work') continue;
      try {
        catalogBatchFromOpenAlex(item);
      } catch (error) {
        problems.push(`${item.origin.index}: ${String(error)}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('numbers the works W9… in order, apart from every sample id, with distinct DOIs and titles', () => {
    const sample = corpusSample();
    expect(works.map((work) => corpusWorkNumber(short(work.id)))).toEqual(works.map((_, i) => i + 1));
    expect(works.filter((work) => sample.ids.has(short(work.id)))).toEqual([]);
    const dois = works.map((w) => w.doi).filter((d) => d !== null);
    expect(new Set(dois).size).toBe(dois.length);
    expect(dois.length).toBeGreaterThan(0.8 * WORKS);
    const titles = works.map((w) => w.title).filter((t) => t !== null);
    expect(new Set(titles).size).toBe(titles.length);
    expect(titles.length).toBeGreaterThan(0.95 * WORKS);
  });

  it('has work n cite min(20, n − 1) distinct earlier works, plus a few references outside the corpus and the sample', () => {
    const sample = corpusSample();
    const wrong = works.flatMap((work, i) => {
      const refs: string[] = work.referenced_works.map(short);
      const internal = refs.filter((r) => corpusWorkNumber(r) !== undefined);
      const external = refs.filter((r) => corpusWorkNumber(r) === undefined);
      const problems = [
        internal.length === Math.min(20, i) || `cites ${internal.length} corpus works`,
        new Set(internal).size === internal.length || 'cites a work twice',
        internal.every((r) => (corpusWorkNumber(r) as number) <= i) || 'cites a later work',
        external.length <= EXTERNAL_REFERENCES_KEPT || `${external.length} external references`,
        !external.some((r) => sample.ids.has(r)) || 'cites a sample work',
        work.referenced_works_count === refs.length || 'referenced_works_count',
      ];
      return problems.filter((p) => p !== true).map((p) => `${work.id}: ${String(p)}`);
    });
    expect(wrong).toEqual([]);
    expect(graph.externalReferences).toBeGreaterThan(WORKS); // most sample records have more than 3 outside references
  });

  it("draws years from the sample's distribution, never decreasing, so that no work cites a later one", () => {
    const sampleYears = corpusSample().publicationYears;
    const years: number[] = works.map((w) => w.publication_year);
    expect(years).toEqual([...years].sort((a, b) => a - b));
    const expected = new Map<number, number>();
    for (const y of sampleYears) expected.set(y, (expected.get(y) ?? 0) + WORKS / sampleYears.length);
    const got = new Map<number, number>();
    for (const y of years) got.set(y, (got.get(y) ?? 0) + 1);
    // Stratified: each year's count is within a work or two of its share of the sample.
    expect([...got.keys()].filter((year) => !expected.has(year))).toEqual([]);
    for (const [year, n] of expected) expect([year, Math.abs((got.get(year) ?? 0) - n) <= 2]).toEqual([year, true]);
    const yearOf = new Map(works.map((w) => [short(w.id), w.publication_year as number]));
    const citesLater = works.filter((work) => work.referenced_works.some((ref: string) => (yearOf.get(short(ref)) ?? 0) > work.publication_year));
    expect(citesLater).toEqual([]);
  });

  it("moves counts_by_year with the publication year (none past the sample's horizon) and counts corpus citations in cited_by_count", () => {
    const sample = corpusSample();
    // The template of a work, by its title (a few sample titles occur twice: any of them).
    const byTitle = new Map<unknown, (typeof sample.works)[number][]>();
    for (const t of sample.works) byTitle.set(t.record['title'], [...(byTitle.get(t.record['title']) ?? []), t]);
    const offsets = (entries: any[], year: number) => entries.map((c) => [c.year - year, c.cited_by_count]);
    let checked = 0;
    for (const work of works) {
      expect(work.cited_by_count).toBeGreaterThanOrEqual(graph.inDegrees.get(short(work.id)) as number);
      const templates = work.title === null ? [] : (byTitle.get(work.title.replace(/ \(\d+\)$/, '')) ?? []);
      if (templates.length === 0) continue;
      const moved = templates.map((t) =>
        offsets(t.record['counts_by_year'] as any[], t.publicationYear).filter(([offset]) => (offset as number) + work.publication_year <= sample.horizonYear),
      );
      expect(moved).toContainEqual(offsets(work.counts_by_year, work.publication_year));
      expect(work.publication_date.slice(0, 4)).toBe(String(work.publication_year));
      checked++;
    }
    expect(checked).toBeGreaterThan(0.95 * WORKS);
  });

  it('returns ground truth that an independent recount of the lines confirms: edges, in-degrees, hubs, citers by BFS', () => {
    const { truth } = corpus;
    expect(truth.works).toBe(WORKS);
    expect(truth.internalEdges).toBe(graph.internalEdges);
    expect(truth.internalEdges).toBe(20 * WORKS - 210); // the first 20 works cite 0, 1, …, 19 works
    expect(truth.externalReferences).toBe(graph.externalReferences);
    expect(truth.inDegrees).toEqual(Object.fromEntries(graph.inDegrees));
    const ranked = [...graph.inDegrees].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    expect(truth.topHubs).toEqual(ranked.slice(0, 100).map(([id, inDegree]) => ({ id, inDegree })));
    expect(truth.hub.id).toBe(ranked[0]?.[0]);
    const levels = bfsCiters(truth.hub.id, graph.citers);
    expect(truth.hub.citers).toEqual(levels.map((ids, i) => ({ depth: i + 1, count: ids.length, ids })));
    expect(truth.hub.citers[0]?.count).toBe(truth.hub.inDegree);
    // The hub is not its own citer, and no work is at two depths.
    const all = truth.hub.citers.flatMap((c) => c.ids ?? []);
    expect(new Set(all).size).toBe(all.length);
    expect(all).not.toContain(truth.hub.id);
  });

  it('has a heavy-tailed in-degree distribution: the top 1 % hold a large share, the hub far above the median', () => {
    const degrees = [...graph.inDegrees.values()].sort((a, b) => a - b);
    const top = degrees.slice(-Math.ceil(WORKS / 100)).reduce((a, b) => a + b, 0);
    const median = degrees[Math.floor((WORKS - 1) / 2)] as number;
    expect(top / graph.internalEdges).toBeGreaterThan(0.3);
    expect(degrees[degrees.length - 1]).toBeGreaterThan(100 * Math.max(1, median));
    expect(corpus.truth.inDegree.top1PercentShare).toBeCloseTo(top / graph.internalEdges, 12);
    expect(corpus.truth.inDegree.quantiles.p50).toBe(median);
  });

  it('reuses authors from a pool: distinct within a byline, most with a work or two, a few prolific; truth agrees', () => {
    const worksOf = new Map<string, number>();
    for (const work of works) {
      const ids = work.authorships.filter((a: any) => a.author.id !== null).map((a: any) => short(a.author.id));
      expect(new Set(ids).size).toBe(ids.length);
      for (const id of ids) {
        expect(id).toMatch(/^A9\d{10}$/);
        worksOf.set(id, (worksOf.get(id) ?? 0) + 1);
      }
    }
    const counts = [...worksOf.values()].sort((a, b) => a - b);
    expect(counts.filter((c) => c <= 2).length / counts.length).toBeGreaterThan(0.6);
    expect(counts[counts.length - 1]).toBeGreaterThan(20 * (counts[Math.floor(counts.length / 2)] as number));
    const { authors } = corpus.truth;
    expect(authors.authors).toBe(worksOf.size);
    expect(authors.authorships).toBe(counts.reduce((a, b) => a + b, 0));
    expect(authors.top.map((a) => [a.id, a.works])).toEqual([...worksOf].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 10));
  });

  it('refuses sizes and seeds it cannot honour', () => {
    for (const works of [0, -1, 1.5, 2 ** 30 + 1]) expect(() => generateCorpus(corpusSample(), { works, seed: 1 }).next()).toThrow(RangeError);
    expect(() => generateCorpus(corpusSample(), { works: 10, seed: -1 }).next()).toThrow(RangeError);
    expect(generateInMemory(1, 1).truth).toMatchObject({ works: 1, internalEdges: 0, hub: { inDegree: 0, citers: [{ count: 0 }, { count: 0 }, { count: 0 }] } });
  });
});
