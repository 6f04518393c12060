import { readFileSync } from 'node:fs';
import path from 'node:path';

import { abstractFromInvertedIndex } from '../../../../src/seed/abstractFromInvertedIndex';
import { projectRoot } from '../../../../src/core/projectRoot';

describe('abstractFromInvertedIndex', () => {
  it('places each word at its positions, in position order, whatever the key order', () => {
    expect(abstractFromInvertedIndex({ world: [1], Hello: [0] })).toBe('Hello world');
    expect(abstractFromInvertedIndex({ the: [0, 3], cat: [1], saw: [2], dog: [4] })).toBe('the cat saw the dog');
  });

  it('ignores gaps in the positions (no double spaces)', () => {
    expect(abstractFromInvertedIndex({ first: [0], second: [7], third: [20] })).toBe('first second third');
    expect(abstractFromInvertedIndex({ late: [5] })).toBe('late');
  });

  it('is null for null, undefined, an empty index, or an index without usable positions', () => {
    expect(abstractFromInvertedIndex(null)).toBeNull();
    expect(abstractFromInvertedIndex(undefined)).toBeNull();
    expect(abstractFromInvertedIndex({})).toBeNull();
    expect(abstractFromInvertedIndex({ word: [] })).toBeNull();
  });

  it('is null for values that are not an inverted index', () => {
    expect(abstractFromInvertedIndex('Hello world')).toBeNull();
    expect(abstractFromInvertedIndex(['Hello', 'world'])).toBeNull();
    expect(abstractFromInvertedIndex(42)).toBeNull();
  });

  it('skips words whose positions are not an array, and positions that are not non-negative integers', () => {
    expect(abstractFromInvertedIndex({ a: [0], b: 'x', c: [1] })).toBe('a c');
    expect(abstractFromInvertedIndex({ a: [0], bad: [-1, 1.5, '2', null], c: [1] })).toBe('a c');
  });

  it('keeps punctuation and case as given', () => {
    expect(abstractFromInvertedIndex({ 'CO2/shale': [0], 'interaction,': [1], 'e.g.': [2] })).toBe('CO2/shale interaction, e.g.');
  });

  it('rebuilds a real OpenAlex abstract: every occurrence of every word, in position order', () => {
    const file = path.join(projectRoot(), 'data', 'sample', 'authors', 'A5087940859.json');
    const raw = JSON.parse(readFileSync(file, 'utf8')) as { works: { abstract_inverted_index?: Record<string, number[]> | null }[] };
    const index = raw.works.find((w) => w.abstract_inverted_index != null)?.abstract_inverted_index;
    expect(index).toBeDefined();
    const entries = Object.entries(index ?? {});
    const expected = entries
      .flatMap(([word, positions]) => positions.map((p) => ({ word, p })))
      .sort((a, b) => a.p - b.p)
      .map((x) => x.word)
      .join(' ');
    const text = abstractFromInvertedIndex(index);
    expect(text).toBe(expected);
    const total = entries.reduce((n, [, positions]) => n + positions.length, 0);
    expect(text?.split(' ')).toHaveLength(total);
  });
});
