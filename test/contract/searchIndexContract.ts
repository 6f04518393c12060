import type { SearchFacets, SearchIndex, SearchResult } from '../../datasources/SearchIndex';
import type { IntRange, WorkFilter } from '../../datasources/types';
import { cursorRefusalOf } from '../support/cursorRefusal';
import { byteOrder, namedAuthorIds, sampleGroundTruth, type TruthWork } from '../support/sampleGroundTruth';
import { newFieldFilters, satisfiesNewFields } from './workFilterTruth';

/**
 * The SearchIndex contract, checked against ground truth computed from data/sample's JSON (never against the
 * index's own output). Both backends match a work when every word of the query occurs in its title or
 * abstract (lowercased, not stemmed), so truth here counts words the same way — and only words that both
 * analyzers (PostgreSQL's `simple` parser, Elasticsearch's `standard` tokenizer) are sure to cut identically.
 * The caller loads the whole sample into the index before the suite runs and hands it over through `index()`.
 */

const truth = sampleGroundTruth();
const works = [...truth.works.values()];

/** English stop words (none of the tested words may be one). */
const STOP_WORDS = new Set(
  `a about above after again against all am an and any are as at be because been before being below between both but by can did do does doing
  down during each few for from further had has have having he her here hers herself him himself his how i if in into is it its itself just me
  more most my myself no nor not now of off on once only or other our ours ourselves out over own same she should so some such than that the
  their theirs them themselves then there these they this those through to too under until up very was we were what when where which while
  who whom why will with would you your yours yourself yourselves using based within however among also`.split(/\s+/),
);

export const text = (w: TruthWork) => `${w.title ?? ''}\n${w.abstract ?? ''}`;

/** Words as the truth counts them: lowercase runs of letters (the brief: "tokenise on non-letters"). */
export function letterWords(s: string): Set<string> {
  return new Set(s.toLowerCase().split(/[^\p{L}]+/u).filter((x) => x.length > 0));
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// Characters around a word that every analyzer treats as a plain word boundary. Apostrophes, slashes, digits,
// dots inside words (e.g. "word's", "a/b", "co2", "e.g.x"), dashes other than "-" and markup are excluded:
// there PostgreSQL's parser and the standard tokenizer may cut differently.
const SAFE_BEFORE = /^$|^[\s(["“‘-]$/u;
const SAFE_AFTER = /^$|^[\s,;:)\]"”’?!-]$|^\.(\s|$)/u;

/** True when every occurrence of `word` as a run of letters, in every work, sits between safe boundaries. */
function cutAlikeEverywhere(word: string): boolean {
  const re = new RegExp(`(?<!\\p{L})${escapeRegExp(word)}(?!\\p{L})`, 'giu');
  return works.every((w) => {
    const s = text(w);
    for (const m of s.matchAll(re)) {
      const before = s.slice(Math.max(0, m.index - 1), m.index);
      const after = s.slice(m.index + word.length, m.index + word.length + 2);
      if (!SAFE_BEFORE.test(before) || !SAFE_AFTER.test(after.slice(0, 1) === '.' ? after : after.slice(0, 1))) return false;
    }
    return true;
  });
}

/** Ids of the works whose title or abstract holds `word` (per `letterWords`). */
export function worksWithWord(word: string): TruthWork[] {
  return works.filter((w) => letterWords(text(w)).has(word));
}

/** Words of ≥ 6 letters, not stop words, cut alike by both analyzers, with how many works hold each. */
function countableWords(): { word: string; n: number }[] {
  const df = new Map<string, number>();
  for (const w of works) for (const word of letterWords(text(w))) df.set(word, (df.get(word) ?? 0) + 1);
  return [...df]
    .filter(([word]) => word.length >= 6 && /^[a-z]+$/.test(word) && !STOP_WORDS.has(word))
    .map(([word, n]) => ({ word, n }))
    .filter(({ word }) => cutAlikeEverywhere(word))
    .sort((a, b) => b.n - a.n || byteOrder(a.word, b.word));
}

export const COUNTABLE = countableWords();
/** Distinctive words: one for each count from 12 works down to 2 (the first in byte order). */
export const DISTINCTIVE = [12, 10, 8, 6, 4, 3, 2].flatMap((n) => COUNTABLE.filter((c) => c.n === n).slice(0, 1));
/** A broad word: the most frequent countable word found in at most 150 works (one page of 200 holds it). */
export const BROAD = COUNTABLE.find((c) => c.n <= 150) as { word: string; n: number };

/** Truth keeps OpenAlex's DOI URL; filters take the bare lowercase DOI. */
const bareDoi = (doi: string | null) => doi?.replace(/^https?:\/\/(dx\.)?doi\.org\//, '') ?? null;

function inRange(value: number | null, r: IntRange | null | undefined): boolean {
  if (r == null) return true;
  if (r.gte != null && (value == null || value < r.gte)) return false;
  if (r.lte != null && (value == null || value > r.lte)) return false;
  return true;
}

/** WorkFilter semantics over truth (as `workFilterSql` states them). */
export function satisfies(w: TruthWork, f: WorkFilter | null | undefined): boolean {
  if (!f) return true;
  if (!inRange(w.publicationYear, f.publicationYear) || !inRange(w.citedByCount, f.citedByCount)) return false;
  if (f.type != null && (w.type == null || !f.type.includes(w.type))) return false;
  if (f.isOpenAccess != null && w.isOpenAccess !== f.isOpenAccess) return false;
  if (f.doi != null && bareDoi(w.doi) !== f.doi) return false;
  if (f.authorId != null && !w.authorships.some((a) => a.authorId === f.authorId)) return false;
  if (f.topicId != null && !w.topicIds.includes(f.topicId)) return false;
  if (!satisfiesNewFields(w.id, f)) return false;
  if (!(f.and ?? []).every((sub) => satisfies(w, sub))) return false;
  if (f.or != null && !f.or.some((sub) => satisfies(w, sub))) return false;
  return true;
}

function mostFrequent(values: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || byteOrder(a[0], b[0]))[0]?.[0] as string;
}

/** Facets of a set of works, computed from truth, ordered as SearchFacets documents. */
export function truthFacets(set: readonly TruthWork[]): SearchFacets {
  const count = (values: readonly string[]) => {
    const m = new Map<string, number>();
    for (const v of values) m.set(v, (m.get(v) ?? 0) + 1);
    return [...m].map(([value, n]) => ({ value, count: n }));
  };
  const byCount = (a: { value: string; count: number }, b: { value: string; count: number }) => b.count - a.count || byteOrder(a.value, b.value);
  return {
    publicationYear: count(set.flatMap((w) => (w.publicationYear == null ? [] : [String(w.publicationYear)]))).sort((a, b) => Number(b.value) - Number(a.value)),
    type: count(set.flatMap((w) => (w.type == null ? [] : [w.type]))).sort(byCount),
    isOpenAccess: count(set.map((w) => String(w.isOpenAccess))).sort(byCount),
    topic: count(set.flatMap((w) => [...new Set(w.topicIds)]))
      .sort(byCount)
      .slice(0, 20),
  };
}

type FacetField = 'publicationYear' | 'type' | 'isOpenAccess' | 'topicId';

/** The filter without one of its top-level fields (what a multi-select facet counts under). */
function without(filter: WorkFilter | undefined, field: FacetField): WorkFilter | undefined {
  if (filter === undefined) return undefined;
  const copy: Record<string, unknown> = { ...filter };
  delete copy[field];
  return copy as WorkFilter;
}

/**
 * Multi-select facets from truth: the works matching the text (`candidates`) counted per facet under the filter
 * without that facet's own top-level field.
 */
export function multiSelectFacets(candidates: readonly TruthWork[], filter: WorkFilter | undefined): SearchFacets {
  const under = (field: FacetField) => truthFacets(candidates.filter((w) => satisfies(w, without(filter, field))));
  return {
    publicationYear: under('publicationYear').publicationYear,
    type: under('type').type,
    isOpenAccess: under('isOpenAccess').isOpenAccess,
    topic: under('topicId').topic,
  };
}

const ids = (r: SearchResult) => r.page.edges.map((e) => e.node.workId);
const sortedIds = (list: readonly TruthWork[]) => list.map((w) => w.id).sort(byteOrder);
const sum = (buckets: readonly { count: number }[]) => buckets.reduce((s, b) => s + b.count, 0);

/**
 * Registers the contract's tests for one SearchIndex. `index()` is called inside the tests, after the
 * caller's beforeAll has loaded the sample.
 */
export function searchIndexContract(name: string, index: () => SearchIndex): void {
  const search = (query: string, filter?: WorkFilter, first = 200, after?: string) => index().search(query, filter, { first, sort: [], ...(after ? { after } : {}) });

  describe(`SearchIndex contract: ${name}`, () => {
    it('has countable words in the sample (precondition of the tests below)', () => {
      expect(DISTINCTIVE.length).toBeGreaterThanOrEqual(3);
      expect(BROAD.n).toBeGreaterThanOrEqual(30);
    });

    it('finds every work with a title of 4+ words first when searching that exact title (works sharing a title: either), with <em> title highlights', async () => {
      const failures: unknown[] = [];
      let searched = 0;
      for (const w of works) {
        if (w.title == null || w.title.trim().split(/\s+/).length < 4) continue;
        searched++;
        // Five pairs of sample works share a title (case-insensitively): either of a pair is accepted.
        const sameTitle = works.filter((o) => o.title?.toLowerCase() === w.title?.toLowerCase()).map((o) => o.id);
        const res = await search(w.title, undefined, 3);
        const top = res.page.edges[0]?.node;
        const titleHighlight = top?.highlights.find((h) => h.field === 'title');
        if (top === undefined || !sameTitle.includes(top.workId) || !titleHighlight?.snippets.some((s) => s.includes('<em>'))) {
          failures.push({ id: w.id, title: w.title, got: res.page.edges.map((e) => [e.node.workId, e.node.score, e.node.highlights]) });
        }
      }
      expect(searched).toBeGreaterThan(200);
      expect(failures).toEqual([]);
    });

    it.each(DISTINCTIVE.map((d) => [d.word, d.n]))('a query for %s finds exactly the %i works whose title or abstract holds it, each highlighted', async (word, n) => {
      const expected = worksWithWord(word as string);
      expect(expected.length).toBe(n);
      const res = await search(word as string);
      expect(await res.page.totalCount()).toBe(n);
      expect([...ids(res)].sort(byteOrder)).toEqual(sortedIds(expected));
      for (const edge of res.page.edges) {
        const marked = edge.node.highlights.flatMap((h) => h.snippets).join(' ').toLowerCase();
        expect(marked).toContain(`<em>${word}</em>`);
      }
    });

    it('matches case-insensitively and needs every word of the query', async () => {
      const a = DISTINCTIVE[0] as { word: string; n: number };
      expect(await (await search(a.word.toUpperCase())).page.totalCount()).toBe(a.n);
      // A second word found in some, not all, of the first word's works.
      const withA = worksWithWord(a.word);
      const b = COUNTABLE.find((c) => c.word !== a.word && withA.some((w) => letterWords(text(w)).has(c.word)) && !withA.every((w) => letterWords(text(w)).has(c.word)));
      const both = withA.filter((w) => letterWords(text(w)).has(b?.word ?? ''));
      expect(both.length).toBeGreaterThan(0);
      expect(both.length).toBeLessThan(a.n);
      const res = await search(`${a.word} ${b?.word ?? ''}`);
      expect(await res.page.totalCount()).toBe(both.length);
      expect([...ids(res)].sort(byteOrder)).toEqual(sortedIds(both));
    });

    it('finds and highlights each of two words joined by a slash in a title (e.g. oil/water)', async () => {
      const slashed = /(?<![\p{L}\p{N}/])(\p{L}{4,})\/(\p{L}{4,})(?![\p{L}\p{N}/])/u;
      const work = works
        .filter((w) => slashed.test(w.title ?? ''))
        .sort((a, b) => byteOrder(a.id, b.id))
        .find((w) => {
          const [, left, right] = slashed.exec(w.title ?? '') ?? [];
          return [left, right].every((x) => worksWithWord((x ?? '').toLowerCase()).length <= 150);
        });
      if (work === undefined) throw new Error('the sample has a title with two words joined by a slash');
      const [, left, right] = slashed.exec(work.title ?? '') as unknown as [string, string, string];
      for (const [word, marked] of [
        [left, `<em>${left}</em>/${right}`],
        [right, `${left}/<em>${right}</em>`],
      ] as const) {
        const res = await search(word.toLowerCase());
        expect(await res.page.totalCount()).toBe(worksWithWord(word.toLowerCase()).length);
        const hit = res.page.edges.find((e) => e.node.workId === work.id)?.node;
        expect(hit?.highlights.find((h) => h.field === 'title')?.snippets.join(' ')).toContain(marked);
      }
    });

    describe('filters', () => {
      const matched = worksWithWord(BROAD.word);
      const years = matched.map((w) => w.publicationYear as number).sort((a, b) => a - b);
      const midYear = years[Math.floor(years.length / 2)] as number;
      const author = mostFrequent(matched.flatMap(namedAuthorIds));
      const topic = mostFrequent(matched.flatMap((w) => [...new Set(w.topicIds)]));
      const type = mostFrequent(matched.flatMap((w) => (w.type ? [w.type] : [])));
      const doi = bareDoi(matched.find((w) => w.doi)?.doi ?? null) as string;
      const filters: [string, WorkFilter][] = [
        ['publicationYear range', { publicationYear: { gte: midYear, lte: years.at(-1) as number } }],
        ['publicationYear lte', { publicationYear: { lte: midYear - 1 } }],
        ['authorId', { authorId: author }],
        ['topicId', { topicId: topic }],
        ['type', { type: [type] }],
        ['isOpenAccess', { isOpenAccess: true }],
        ['citedByCount', { citedByCount: { gte: 20 } }],
        ['doi', { doi }],
        ['and/or', { and: [{ publicationYear: { gte: midYear - 3 } }], or: [{ authorId: author }, { isOpenAccess: false }] }],
        ['empty or', { or: [] }],
        ['empty type list', { type: [] }],
      ];

      it.each(filters)('%s narrows the result to the matching works, consistent with truth', async (_label, filter) => {
        const expected = matched.filter((w) => satisfies(w, filter));
        const res = await search(BROAD.word, filter);
        const total = await res.page.totalCount();
        expect(total).toBe(expected.length);
        expect(total).toBeLessThan(BROAD.n);
        expect([...ids(res)].sort(byteOrder)).toEqual(sortedIds(expected));
        // Multi-select: a facet ignores its own top-level field of the filter, nothing else.
        expect(res.facets).toEqual(multiSelectFacets(matched, filter));
        if (filter.publicationYear == null && filter.type == null && filter.isOpenAccess == null && filter.topicId == null) {
          expect(sum(res.facets.publicationYear)).toBe(total);
          expect(sum(res.facets.isOpenAccess)).toBe(total);
          expect(res.facets).toEqual(truthFacets(expected));
        }
      });

      // Browsing (blank text) over the whole sample, then within a word's matches: every issue-15 field, alone and combined.
      it.each(newFieldFilters())('%s: browsing and searching find exactly the matching works of the sample, with their facets', async (_label, filter) => {
        const expected = works.filter((w) => satisfies(w, filter));
        const walked: string[] = [];
        let after: string | undefined;
        for (let i = 0; i < 10; i++) {
          const res = await search('', filter, 200, after);
          expect(await res.page.totalCount()).toBe(expected.length);
          if (i === 0) expect(res.facets).toEqual(multiSelectFacets(works, filter));
          walked.push(...ids(res));
          if (!res.page.hasNextPage) break;
          after = res.page.edges.at(-1)?.cursor;
        }
        expect([...walked].sort(byteOrder)).toEqual(sortedIds(expected));
        const inWord = matched.filter((w) => satisfies(w, filter));
        const res = await search(BROAD.word, filter);
        expect(await res.page.totalCount()).toBe(inWord.length);
        expect([...ids(res)].sort(byteOrder)).toEqual(sortedIds(inWord));
      });
    });

    it('counts facets over every match, not just the page: year newest first, type/open access/topic most frequent first', async () => {
      const res = await search(BROAD.word, undefined, 5);
      const total = await res.page.totalCount();
      expect(total).toBe(BROAD.n);
      expect(res.page.edges).toHaveLength(5);
      expect(sum(res.facets.publicationYear)).toBe(total);
      expect(sum(res.facets.type)).toBe(total);
      expect(sum(res.facets.isOpenAccess)).toBe(total);
      expect(res.facets).toEqual(truthFacets(worksWithWord(BROAD.word)));
      expect(res.facets.topic.length).toBeLessThanOrEqual(20);
    });

    it('pages of 5 walk the same hits in the same order as one page of 200, without duplicates, best first', async () => {
      const whole = await search(BROAD.word, undefined, 200);
      expect(whole.page.hasNextPage).toBe(false);
      const walked: string[] = [];
      const scores: number[] = [];
      let after: string | undefined;
      for (let i = 0; i < 100; i++) {
        const res = await search(BROAD.word, undefined, 5, after);
        expect(await res.page.totalCount()).toBe(BROAD.n);
        expect(res.page.edges.length).toBeLessThanOrEqual(5);
        walked.push(...ids(res));
        scores.push(...res.page.edges.map((e) => e.node.score));
        if (!res.page.hasNextPage) break;
        after = res.page.edges.at(-1)?.cursor;
      }
      expect(new Set(walked).size).toBe(walked.length);
      expect(walked).toEqual(ids(whole));
      expect(walked).toHaveLength(BROAD.n);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
    });

    it('rejects a cursor made for another query or filter, and anything that is not a cursor, as BAD_USER_INPUT', async () => {
      const first = await search(BROAD.word, undefined, 2);
      const cursor = first.page.edges.at(-1)?.cursor as string;
      const other = DISTINCTIVE[0] as { word: string };
      await cursorRefusalOf(search(other.word, undefined, 2, cursor));
      await cursorRefusalOf(search(BROAD.word, { isOpenAccess: true }, 2, cursor));
      await cursorRefusalOf(search(BROAD.word, undefined, 2, 'not-a-cursor'));
      await cursorRefusalOf(search(BROAD.word, undefined, 2, Buffer.from('{"s":1}').toString('base64url')));
      // The same query and filter accept it.
      const next = await search(BROAD.word, undefined, 2, cursor);
      expect(next.page.edges[0]?.node.workId).not.toBe(first.page.edges[0]?.node.workId);
    });

    it.each([['"title:(foo OR bar)" AND -x*'], ["'; DROP TABLE works; --"], ['%_\\'], ['*'], ['<em>'], ['a:* & !b'], ['\\"\'']])(
      'treats %s as plain text: no error',
      async (query) => {
        const res = await search(query, undefined, 10);
        expect(await res.page.totalCount()).toBeGreaterThanOrEqual(0);
        expect(res.page.edges.length).toBeLessThanOrEqual(10);
      },
    );

    it('still finds everything after hostile input (nothing was executed)', async () => {
      await search("'; DROP TABLE works; --");
      expect(await (await search(BROAD.word, undefined, 1)).page.totalCount()).toBe(BROAD.n);
    });

    it('a query of punctuation only matches nothing and has empty facets', async () => {
      const res = await search('%_\\ !?', undefined, 10);
      expect(await res.page.totalCount()).toBe(0);
      expect(res.page.edges).toEqual([]);
      expect(res.page.hasNextPage).toBe(false);
      expect(res.facets).toEqual({ publicationYear: [], type: [], isOpenAccess: [], topic: [] });
    });
  });
}

/** What the suite picked from the sample (for reports). */
export const searchContractWords = { distinctive: DISTINCTIVE, broad: BROAD };
