import type { SearchIndex, SuggestionKind } from '../../datasources/SearchIndex';
import { byteOrder } from '../support/sampleGroundTruth';
import { ranked, suggestionGroundTruth, truthMatches, truthTitles, truthWords } from '../support/suggestionGroundTruth';

/**
 * The autocomplete contract of a SearchIndex (works and every entity), checked against ground truth computed from
 * data/sample's JSON (suggestionGroundTruth), never against an index's own output: every word but the last a whole
 * word of the name, the last a word start, any order; ranked by popularity, then name, then id. Prefixes are taken
 * from real names and titles, among those whose every matching name both analyzers cut as the truth does (ASCII
 * letters, digits and plain separators: no apostrophes, dots or slashes) and which the sample names one way only.
 * The caller loads the whole sample before the suite runs and hands the index over through `index()`.
 */

interface Candidate {
  id: string;
  name: string;
  popularity: number;
  /** False when the sample gives the entity several names (which one the catalog keeps depends on load order). */
  settled: boolean;
}

const SAFE_NAME = /^[A-Za-z0-9 ,:;()&-]+$/;

function candidates(kind: SuggestionKind | 'work'): Candidate[] {
  if (kind === 'work') return truthTitles().map((t) => ({ ...t, settled: true }));
  return [...suggestionGroundTruth()[kind].values()].map((e) => {
    const name = e.recordName ?? [...e.names][0] ?? '';
    return { id: e.id, name, popularity: e.popularity, settled: e.recordName !== undefined || e.names.size === 1 };
  });
}

/** The expected ranking of a prefix, or undefined when some entity it matches is not safe to compare. */
function expectedFor(all: readonly Candidate[], whole: readonly string[], prefix: string): Candidate[] | undefined {
  const matching = all.filter((c) => truthMatches(c.name, whole, prefix));
  if (matching.some((c) => !c.settled || !SAFE_NAME.test(c.name))) return undefined;
  return ranked(matching);
}

interface Probe {
  whole: string[];
  prefix: string;
  expected: Candidate[];
}

/**
 * Prefixes read from real names: a one-word prefix (the first 3 letters of a word of ≥ 4 letters, matching several),
 * and a multi-word one (a name's first word whole, the start of its second word), most matches first.
 */
function probes(kind: SuggestionKind | 'work'): { single?: Probe; multi?: Probe } {
  const all = candidates(kind);
  const singles = new Map<string, Probe>();
  const multis = new Map<string, Probe>();
  for (const c of [...all].sort((a, b) => byteOrder(a.id, b.id))) {
    if (!SAFE_NAME.test(c.name)) continue;
    const words = truthWords(c.name);
    for (const word of words.filter((w) => /^[a-z]{4,}$/.test(w))) {
      const prefix = word.slice(0, 3);
      if (singles.has(prefix)) continue;
      const expected = expectedFor(all, [], prefix);
      if (expected !== undefined) singles.set(prefix, { whole: [], prefix, expected });
    }
    const [first, second] = words;
    if (first !== undefined && second !== undefined && /^[a-z]{3,}$/.test(second) && first !== second) {
      const key = `${first} ${second.slice(0, 2)}`;
      const expected = multis.has(key) ? undefined : expectedFor(all, [first], second.slice(0, 2));
      if (expected !== undefined) multis.set(key, { whole: [first], prefix: second.slice(0, 2), expected });
    }
  }
  const best = (m: Map<string, Probe>) => [...m.values()].sort((a, b) => b.expected.length - a.expected.length || byteOrder(a.prefix, b.prefix))[0];
  return { single: best(singles), multi: best(multis) };
}

const ids = (list: readonly { id: string }[]) => list.map((x) => x.id);

export function autocompleteContract(name: string, index: () => SearchIndex): void {
  describe(`${name}: autocomplete`, () => {
    const works = (whole: string[], prefix: string, first: number) => index().autocomplete({ whole, prefix }, first);

    describe('works', () => {
      const { single, multi } = probes('work');

      it(`one word: titles with a word starting with "${single?.prefix}", most cited, then title, then id`, async () => {
        if (single === undefined) throw new Error('no one-word title prefix in the sample');
        expect(single.expected.length).toBeGreaterThan(3);
        const got = await works([], single.prefix, 50);
        expect(got.map((s) => s.workId)).toEqual(ids(single.expected.slice(0, 50)));
        for (const s of got) expect(s.title).toBe(single.expected.find((e) => e.id === s.workId)?.name);
        expect((await works([], single.prefix, 2)).map((s) => s.workId)).toEqual(ids(single.expected.slice(0, 2)));
        expect(await works([], single.prefix, 0)).toEqual([]);
      });

      it(`several words: "${multi?.whole.join(' ')} ${multi?.prefix}" — whole words and a word start, in any order`, async () => {
        if (multi === undefined) throw new Error('no multi-word title prefix in the sample');
        const got = await works(multi.whole, multi.prefix, 50);
        expect(ids(got.map((s) => ({ id: s.workId })))).toEqual(ids(multi.expected.slice(0, 50)));
        // The whole word as the prefix and the prefix as a whole word: order is free, so the same rule reversed.
        const reversedWhole = multi.expected[0]?.name.toLowerCase().split(/[^\p{L}\p{M}\p{N}]+/u).find((w) => w.startsWith(multi.prefix));
        if (reversedWhole !== undefined) {
          const reversed = expectedFor(candidates('work'), [reversedWhole], multi.whole[0] as string);
          if (reversed !== undefined) expect((await works([reversedWhole], multi.whole[0] as string, 50)).map((s) => s.workId)).toEqual(ids(reversed.slice(0, 50)));
        }
      });

      it('a word of the prefix that no title holds matches nothing, whatever the other words', async () => {
        if (single === undefined) throw new Error('no one-word title prefix in the sample');
        expect(await works(['qqzxv'], single.prefix, 10)).toEqual([]);
        expect(await works([], 'qqzxv', 10)).toEqual([]);
      });
    });

    for (const kind of ['author', 'topic', 'institution', 'source'] as const) {
      describe(`${kind}s`, () => {
        const { single, multi } = probes(kind);
        const suggest = (whole: string[], prefix: string, first: number) => index().suggest(kind, { whole, prefix }, first);

        it(`one word ("${single?.prefix}"): display names with a word starting with it, by popularity, name, id`, async () => {
          if (single === undefined) throw new Error(`no one-word ${kind} prefix in the sample`);
          expect(single.expected.length).toBeGreaterThan(1);
          const got = await suggest([], single.prefix, 50);
          expect(ids(got)).toEqual(ids(single.expected.slice(0, 50)));
          for (const s of got) expect(s.displayName).toBe(single.expected.find((e) => e.id === s.id)?.name);
          expect(ids(await suggest([], single.prefix, 1))).toEqual(ids(single.expected.slice(0, 1)));
          expect(await suggest([], single.prefix, 0)).toEqual([]);
        });

        it(`several words ("${multi?.whole.join(' ')} ${multi?.prefix}")`, async () => {
          if (multi === undefined) throw new Error(`no multi-word ${kind} prefix in the sample`);
          expect(ids(await suggest(multi.whole, multi.prefix, 50))).toEqual(ids(multi.expected.slice(0, 50)));
          expect(await suggest([...multi.whole, 'qqzxv'], multi.prefix, 50)).toEqual([]);
        });
      });
    }
  });
}
