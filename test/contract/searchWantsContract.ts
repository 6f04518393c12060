import { FACET_NAMES, type FacetName } from '../../datasources/shared/facetFilters';
import type { SearchIndex, SearchResult, SearchWants } from '../../datasources/SearchIndex';
import type { WorkFilter } from '../../datasources/types';
import { BROAD, multiSelectFacets, satisfies, worksWithWord } from './searchIndexContract';

/** A filter with a facet's own field (multi-select) and a base condition, so that every part of the answer differs. */
const FILTER: WorkFilter = { isOpenAccess: true, citedByCount: { gte: 1 } };
const FACET_SETS: readonly (readonly FacetName[])[] = [[], ['topic'], ['type', 'isOpenAccess'], FACET_NAMES];
const WANTS: SearchWants[] = [false, true].flatMap((page) => [false, true].flatMap((totalCount) => FACET_SETS.map((facets) => ({ page, totalCount, facets }))));
const EMPTY = { publicationYear: [], type: [], isOpenAccess: [], topic: [] };

/**
 * The SearchWants contract of a SearchIndex: for every combination of page, total and facets, what is wanted is
 * answered as the sample's JSON has it (the total, the multi-select facets; the page's ids are matches, in the
 * order of the full answer, which ranks by the backend's own scores), what is not is empty, and a total asked for
 * anyway is still right. The caller loads the sample into the index and hands it over through `index()`.
 */
export function searchWantsContract(name: string, index: () => SearchIndex): void {
  describe(`SearchIndex wants contract: ${name}`, () => {
    const candidates = worksWithWord(BROAD.word);
    const matches = candidates.filter((w) => satisfies(w, FILTER));
    const truth = multiSelectFacets(candidates, FILTER);
    const ask = (wants?: SearchWants): Promise<SearchResult> => index().search(BROAD.word, FILTER, { first: 5, sort: [] }, wants);
    let full: SearchResult;

    beforeAll(async () => {
      full = await ask();
    });

    it('the sample has what the suite needs: more matches than a page, some facet buckets; the full page is of matches', () => {
      expect(matches.length).toBeGreaterThan(5);
      expect(truth.topic.length).toBeGreaterThan(1);
      expect(full.page.edges).toHaveLength(5);
      for (const e of full.page.edges) expect(matches.map((w) => w.id)).toContain(e.node.workId);
    });

    it.each(WANTS.map((w) => [`page ${w.page}, totalCount ${w.totalCount}, facets [${w.facets.join(', ')}]`, w] as const))('%s', async (_label, wants) => {
      const res = await ask(wants);
      expect(res.page.edges.map((e) => e.node.workId)).toEqual(wants.page ? full.page.edges.map((e) => e.node.workId) : []);
      expect(res.page.edges.map((e) => e.cursor)).toEqual(wants.page ? full.page.edges.map((e) => e.cursor) : []);
      expect(res.page.hasNextPage).toBe(wants.page && matches.length > 5);
      expect(res.facets).toEqual({ ...EMPTY, ...Object.fromEntries(wants.facets.map((f) => [f, truth[f]])) });
      // Wanted or not, the total is right (not wanted: counted when asked).
      expect(await res.page.totalCount()).toBe(matches.length);
    });

    it('refuses a bad cursor whatever is wanted', async () => {
      for (const wants of WANTS) {
        await expect(index().search(BROAD.word, FILTER, { first: 5, sort: [], after: 'not-a-cursor' }, wants)).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
      }
    });
  });
}
