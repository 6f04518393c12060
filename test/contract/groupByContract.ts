import type { SearchIndex } from '../../datasources/SearchIndex';
import type { WorkFilter } from '../../datasources/types';
import { WORK_GROUP_FIELDS } from '../../datasources/workGroups';
import { truthGroups, truthWorks } from '../support/groupGroundTruth';
import { BROAD, satisfies, worksWithWord } from './searchIndexContract';

/**
 * The group-by contract of a SearchIndex, checked against counts made from data/sample's JSON (groupGroundTruth),
 * never from the index's own answers: every group field over the whole sample, under a filter, under a query and
 * both, with and without the unknown group, and cut by `first`. The caller loads the whole sample into the index
 * before the suite runs and hands it over through `index()`.
 */

const works = truthWorks();
/** A filter that narrows every field: recent open-access works (the sample has enough of them to count). */
const FILTER: WorkFilter = { publicationYear: { gte: 2015 }, isOpenAccess: true };

export function groupByContract(name: string, index: () => SearchIndex): void {
  describe(`SearchIndex group-by contract: ${name}`, () => {
    it('the sample has what the suite needs: a broad word, a filter that keeps some works and drops others', () => {
      const kept = works.filter((w) => satisfies(w, FILTER)).length;
      expect(kept).toBeGreaterThan(10);
      expect(kept).toBeLessThan(works.length);
      expect(BROAD.n).toBeGreaterThan(10);
      // The unknown group's place is tested where it ties with a key (a source, a country), the cap where there are
      // more values than 200 (authors), and the unknown group's absence where every work has a value.
      const all = (field: (typeof WORK_GROUP_FIELDS)[number]) => truthGroups(works, field, true, 10_000);
      for (const field of ['SOURCE', 'COUNTRY'] as const) {
        const groups = all(field);
        const at = groups.findIndex((g) => g.key === null);
        expect({ field, tiedWithTheKeyBefore: at > 0 && groups[at - 1]?.count === groups[at]?.count }).toEqual({ field, tiedWithTheKeyBefore: true });
      }
      expect(all('AUTHOR').length).toBeGreaterThan(200);
      expect(all('OPEN_ACCESS').some((g) => g.key === null)).toBe(false);
    });

    describe.each(WORK_GROUP_FIELDS.map((field) => [field]))('%s', (field) => {
      it('over every work: every value with its count, then the unknown group in its place (first: 200)', async () => {
        const result = await index().groupBy('', undefined, { field, includeUnknown: true, first: 200 });
        expect(result.totalCount).toBe(works.length);
        expect(result.groups).toEqual(truthGroups(works, field, true, 200));
      });

      it('under a filter, without the unknown group, the default 25', async () => {
        const result = await index().groupBy('', FILTER, { field, includeUnknown: false, first: 25 });
        const matched = works.filter((w) => satisfies(w, FILTER));
        expect(result.totalCount).toBe(matched.length);
        expect(result.groups).toEqual(truthGroups(matched, field, false, 25));
        expect(result.groups.some((g) => g.key === null)).toBe(false);
      });

      it('under a query and a filter, with the unknown group; a blank query is every work the filter admits', async () => {
        const matched = worksWithWord(BROAD.word).filter((w) => satisfies(w, FILTER));
        const result = await index().groupBy(BROAD.word, FILTER, { field, includeUnknown: true, first: 200 });
        expect(result.totalCount).toBe(matched.length);
        expect(result.groups).toEqual(truthGroups(matched, field, true, 200));
        const blank = await index().groupBy('   ', { type: ['article'] }, { field, includeUnknown: true, first: 200 });
        expect(blank.groups).toEqual(truthGroups(works.filter((w) => w.type === 'article'), field, true, 200));
      });

      it('first cuts the groups (the unknown group among them); first: 0 still counts the matches', async () => {
        for (const first of [1, 3]) {
          const result = await index().groupBy(BROAD.word, undefined, { field, includeUnknown: true, first });
          expect(result.groups).toEqual(truthGroups(worksWithWord(BROAD.word), field, true, first));
        }
        const none = await index().groupBy('', undefined, { field, includeUnknown: true, first: 0 });
        expect(none).toEqual({ totalCount: works.length, groups: [] });
      });
    });

    it('a query that matches nothing has no groups, not even an unknown one', async () => {
      expect(await index().groupBy('%_\\ !?', undefined, { field: 'TOPIC', includeUnknown: true, first: 25 })).toEqual({ totalCount: 0, groups: [] });
      expect(await index().groupBy('', { or: [] }, { field: 'YEAR', includeUnknown: true, first: 25 })).toEqual({ totalCount: 0, groups: [] });
    });

    it('user text is only a value: quotes, SQL and JSON in the query or the filter find nothing and break nothing', async () => {
      for (const text of [`'; DROP TABLE works; --`, '"} ] } {"match_all": {}}', "O'Reilly \\ %"]) {
        const result = await index().groupBy(text, { type: [text] }, { field: 'TYPE', includeUnknown: true, first: 25 });
        expect(result).toEqual({ totalCount: 0, groups: [] });
      }
    });
  });
}
