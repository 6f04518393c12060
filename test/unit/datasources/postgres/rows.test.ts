import { idsFromList } from '../../../../datasources/postgres/rows';

describe('idsFromList', () => {
  it('reads array_to_string(ids, \',\') back: none for NULL or an empty array, else every id in order', () => {
    expect(idsFromList(null)).toEqual([]);
    expect(idsFromList('')).toEqual([]);
    expect(idsFromList('W1')).toEqual(['W1']);
    expect(idsFromList('W3,W1,W2')).toEqual(['W3', 'W1', 'W2']);
  });
});
