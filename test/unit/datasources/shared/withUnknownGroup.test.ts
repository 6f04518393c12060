import { withUnknownGroup } from '../../../../datasources/shared/withUnknownGroup';

const known = [
  { key: 'a', count: 5 },
  { key: 'b', count: 3 },
  { key: 'c', count: 3 },
  { key: 'd', count: 1 },
];

describe('withUnknownGroup', () => {
  it('places the unknown group by its count, after the keys of the same count, then cuts to first', () => {
    expect(withUnknownGroup(known, 3, 10).map((g) => g.key)).toEqual(['a', 'b', 'c', null, 'd']);
    expect(withUnknownGroup(known, 9, 10).map((g) => g.key)).toEqual([null, 'a', 'b', 'c', 'd']);
    expect(withUnknownGroup(known, 1, 10).map((g) => g.key)).toEqual(['a', 'b', 'c', 'd', null]);
    expect(withUnknownGroup(known, 4, 2)).toEqual([
      { key: 'a', count: 5 },
      { key: null, count: 4 },
    ]);
    expect(withUnknownGroup(known, 3, 3).map((g) => g.key)).toEqual(['a', 'b', 'c']);
  });

  it('leaves the unknown group out when it was not asked for or counts no work; first 0 is no group', () => {
    expect(withUnknownGroup(known, undefined, 10)).toEqual(known);
    expect(withUnknownGroup(known, 0, 10)).toEqual(known);
    expect(withUnknownGroup(known, 7, 0)).toEqual([]);
    expect(withUnknownGroup([], 7, 5)).toEqual([{ key: null, count: 7 }]);
  });
});
