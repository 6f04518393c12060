import type { SearchIndex, SearchResult } from '../../datasources/SearchIndex';
import type { SearchSortKey, WorkFilter } from '../../datasources/types';
import { cursorRefusalOf } from '../support/cursorRefusal';
import { byteOrder, sampleGroundTruth, type TruthWork } from '../support/sampleGroundTruth';
import { BROAD, COUNTABLE, DISTINCTIVE, letterWords, multiSelectFacets, satisfies, text, truthFacets, worksWithWord } from './searchIndexContract';

/**
 * The search contract beyond words: web-search syntax (OR, phrases, exclusions), browsing without a query, the
 * orders with their cursors, and multi-select facets whose keys go back into the filter — every expectation
 * computed from data/sample's JSON (sampleGroundTruth), never from an index's answer.
 */

const truth = sampleGroundTruth();
const works = [...truth.works.values()];

const sortedIds = (list: readonly TruthWork[]) => list.map((w) => w.id).sort(byteOrder);
const ids = (r: SearchResult) => r.page.edges.map((e) => e.node.workId);
const asciiLower = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());

/** Words of a field in order, as runs of letters and digits (what both analyzers count positions by here). */
const tokens = (s: string | null) => (s ?? '').toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((x) => x.length > 0);

/** True when `a b` occurs as adjacent words within the title or within the abstract. */
function holdsPhrase(w: TruthWork, a: string, b: string): boolean {
  return [w.title, w.abstract].some((field) => {
    const t = tokens(field);
    return t.some((x, i) => x === a && t[i + 1] === b);
  });
}

/** Two countable words adjacent in some work, both at most in 150 works, and not always adjacent where both occur. */
function phrasePair(): [string, string] {
  const countable = new Set(COUNTABLE.filter((c) => c.n <= 150).map((c) => c.word));
  const pairs = new Map<string, number>();
  for (const w of works) {
    for (const field of [w.title, w.abstract]) {
      const t = tokens(field);
      for (let i = 0; i + 1 < t.length; i++) if (countable.has(t[i] as string) && countable.has(t[i + 1] as string)) pairs.set(`${t[i]} ${t[i + 1]}`, 0);
    }
  }
  for (const pair of [...pairs.keys()].sort(byteOrder)) {
    const [a, b] = pair.split(' ') as [string, string];
    const both = works.filter((w) => letterWords(text(w)).has(a) && letterWords(text(w)).has(b));
    const adjacent = both.filter((w) => holdsPhrase(w, a, b));
    if (adjacent.length >= 2 && adjacent.length < both.length) return [a, b];
  }
  throw new Error('no phrase pair in the sample');
}

/** The order of a sort key over truth, then id. */
function truthOrder(key: Exclude<SearchSortKey, 'RELEVANCE'>): (a: TruthWork, b: TruthWork) => number {
  const by = (f: (w: TruthWork) => number | string, desc: boolean) => (a: TruthWork, b: TruthWork) => {
    const x = f(a);
    const y = f(b);
    const c = typeof x === 'number' && typeof y === 'number' ? x - y : byteOrder(String(x), String(y));
    return (desc ? -c : c) || byteOrder(a.id, b.id);
  };
  switch (key) {
    case 'CITED_BY_COUNT_DESC':
    case 'CITED_BY_COUNT_ASC':
      return by((w) => w.citedByCount, key === 'CITED_BY_COUNT_DESC');
    case 'PUBLICATION_DATE_DESC':
    case 'PUBLICATION_DATE_ASC':
      return by((w) => w.publicationDate ?? '0001-01-01', key === 'PUBLICATION_DATE_DESC');
    case 'TITLE_ASC':
    case 'TITLE_DESC':
      return by((w) => asciiLower(w.title ?? ''), key === 'TITLE_DESC');
  }
}

const ORDERS = ['CITED_BY_COUNT_DESC', 'CITED_BY_COUNT_ASC', 'PUBLICATION_DATE_DESC', 'PUBLICATION_DATE_ASC', 'TITLE_ASC', 'TITLE_DESC'] as const;

/** Registers the syntax, browse, sort and facet tests for one SearchIndex (loaded with the sample by the caller). */
export function searchSyntaxContract(name: string, index: () => SearchIndex): void {
  const search = (query: string, filter?: WorkFilter, first = 200, sort: SearchSortKey[] = [], after?: string) =>
    index().search(query, filter, { first, sort, ...(after ? { after } : {}) });

  /** Every page of a search walked with pages of `first`. */
  async function walk(query: string, filter: WorkFilter | undefined, sort: SearchSortKey[], first: number): Promise<string[]> {
    const walked: string[] = [];
    let after: string | undefined;
    for (let i = 0; i < 300; i++) {
      const res = await search(query, filter, first, sort, after);
      walked.push(...ids(res));
      if (!res.page.hasNextPage) break;
      after = res.page.edges.at(-1)?.cursor;
    }
    return walked;
  }

  describe(`SearchIndex syntax, browse, sort and facets: ${name}`, () => {
    const [a, b] = [DISTINCTIVE[0], DISTINCTIVE[1]] as [{ word: string }, { word: string }];

    it('reads OR (any case) as alternatives: the union of both words’ works', async () => {
      const union = works.filter((w) => letterWords(text(w)).has(a.word) || letterWords(text(w)).has(b.word));
      for (const q of [`${a.word} OR ${b.word}`, `${a.word} or ${b.word}`]) {
        const res = await search(q);
        expect(await res.page.totalCount()).toBe(union.length);
        expect([...ids(res)].sort(byteOrder)).toEqual(sortedIds(union));
      }
    });

    it('"CO2 or hydrogen" finds the works holding either word', async () => {
      const alnum = (w: TruthWork) => new Set(tokens(text(w)));
      const union = works.filter((w) => alnum(w).has('co2') || alnum(w).has('hydrogen'));
      const res = await search('CO2 or hydrogen');
      expect(union.length).toBeGreaterThan(0);
      expect(await res.page.totalCount()).toBeGreaterThan(0);
      expect(await res.page.totalCount()).toBe(union.length);
    });

    it('reads -word as an exclusion', async () => {
      const withA = worksWithWord(BROAD.word);
      const excluded = COUNTABLE.find((c) => c.word !== BROAD.word && withA.some((w) => letterWords(text(w)).has(c.word))) as { word: string };
      const expected = withA.filter((w) => !letterWords(text(w)).has(excluded.word));
      const res = await search(`${BROAD.word} -${excluded.word}`);
      expect(await res.page.totalCount()).toBe(expected.length);
      expect(expected.length).toBeLessThan(withA.length);
      expect([...ids(res)].sort(byteOrder)).toEqual(sortedIds(expected));
    });

    it('reads a quoted phrase as adjacent words in one field, fewer than the two words anywhere', async () => {
      const [x, y] = phrasePair();
      const expected = works.filter((w) => holdsPhrase(w, x, y));
      const res = await search(`"${x} ${y}"`);
      expect(await res.page.totalCount()).toBe(expected.length);
      expect([...ids(res)].sort(byteOrder)).toEqual(sortedIds(expected));
      const excluded = await search(`${x} ${y} -"${x} ${y}"`);
      const both = works.filter((w) => letterWords(text(w)).has(x) && letterWords(text(w)).has(y) && !holdsPhrase(w, x, y));
      expect([...ids(excluded)].sort(byteOrder)).toEqual(sortedIds(both));
    });

    it('indexes plain text: "sub" finds no work for its <sub> markup, and CO2 is one word where the title wrote CO<sub>2</sub>', async () => {
      const marked = works.filter((w) => /<sub>/i.test(w.titleMarkup ?? ''));
      expect(marked.length).toBeGreaterThanOrEqual(9);
      const res = await search('sub');
      expect([...ids(res)].sort(byteOrder)).toEqual(sortedIds(works.filter((w) => letterWords(text(w)).has('sub'))));
      const co2 = marked.find((w) => (w.titleMarkup ?? '').includes('CO<sub>2</sub>')) as TruthWork;
      const hit = (await search('co2', undefined, 200)).page.edges.find((e) => e.node.workId === co2.id);
      expect(hit?.node.highlights.find((h) => h.field === 'title')?.snippets.join(' ')).toContain('<em>CO2</em>');
    });

    it('browses with blank text: every work the filter admits, most cited first, with facets', async () => {
      const all = [...works].sort(truthOrder('CITED_BY_COUNT_DESC'));
      const res = await search('   ', undefined, 200);
      expect(await res.page.totalCount()).toBe(works.length);
      expect(ids(res)).toEqual(all.slice(0, 200).map((w) => w.id));
      expect(res.facets).toEqual(truthFacets(works));
      expect(res.page.edges.every((e) => e.node.highlights.length === 0)).toBe(true);
      const filter: WorkFilter = { isOpenAccess: true, publicationYear: { gte: 2020 } };
      const filtered = await search('', filter, 200);
      const expected = all.filter((w) => satisfies(w, filter));
      expect(ids(filtered)).toEqual(expected.map((w) => w.id));
      expect(filtered.facets).toEqual(multiSelectFacets(works, filter));
    });

    it.each(ORDERS)('sorts by %s (then id), the same in pages of 7 as in one page, with and without a query', async (key) => {
      const matched = [...worksWithWord(BROAD.word)].sort(truthOrder(key));
      expect(ids(await search(BROAD.word, undefined, 200, [key]))).toEqual(matched.map((w) => w.id));
      expect(await walk(BROAD.word, undefined, [key], 7)).toEqual(matched.map((w) => w.id));
      const browsed = [...works].sort(truthOrder(key)).map((w) => w.id);
      expect(await walk('', undefined, [key], 97)).toEqual(browsed);
    });

    it('binds a cursor to its sort: another sort refuses it as BAD_USER_INPUT', async () => {
      const page = await search(BROAD.word, undefined, 3, ['CITED_BY_COUNT_DESC']);
      const cursor = page.page.edges.at(-1)?.cursor as string;
      await cursorRefusalOf(search(BROAD.word, undefined, 3, ['TITLE_ASC'], cursor));
      await cursorRefusalOf(search(BROAD.word, undefined, 3, [], cursor));
      const relevance = (await search(BROAD.word, undefined, 3)).page.edges.at(-1)?.cursor as string;
      await cursorRefusalOf(search(BROAD.word, undefined, 3, ['CITED_BY_COUNT_DESC'], relevance));
      expect((await search(BROAD.word, undefined, 3, ['CITED_BY_COUNT_DESC'], cursor)).page.edges).toHaveLength(3);
    });

    it('multi-select facets: picking a value keeps its alternatives counted; every key goes back into the filter', async () => {
      const browse = await search('', undefined, 1);
      const checks: [string, WorkFilter, number][] = [
        ...browse.facets.publicationYear.slice(0, 3).map((bk): [string, WorkFilter, number] => [bk.value, { publicationYear: { gte: Number(bk.value), lte: Number(bk.value) } }, bk.count]),
        ...browse.facets.type.slice(0, 2).map((bk): [string, WorkFilter, number] => [bk.value, { type: [bk.value] }, bk.count]),
        ...browse.facets.isOpenAccess.map((bk): [string, WorkFilter, number] => [bk.value, { isOpenAccess: bk.value === 'true' }, bk.count]),
        ...browse.facets.topic.slice(0, 2).map((bk): [string, WorkFilter, number] => [bk.value, { topicId: bk.value }, bk.count]),
      ];
      expect(checks.length).toBeGreaterThan(6);
      for (const [, filter, count] of checks) {
        const res = await search('', filter, 1);
        expect(await res.page.totalCount()).toBe(count);
        expect(res.facets).toEqual(multiSelectFacets(works, filter));
      }
      // Two types picked: the type facet still lists every type, the others count the picked ones only.
      const types = browse.facets.type.slice(0, 2).map((bk) => bk.value);
      const picked = await search('', { type: types }, 1);
      expect(picked.facets.type).toEqual(browse.facets.type);
      expect(await picked.page.totalCount()).toBe(works.filter((w) => w.type !== null && types.includes(w.type)).length);
    });
  });
}
