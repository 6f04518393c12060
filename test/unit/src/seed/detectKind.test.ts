import { detectKind } from '../../../../src/seed/detectKind';

describe('detectKind', () => {
  it.each([
    ['https://openalex.org/W2741809807', 'work'],
    ['https://openalex.org/A5005897140', 'author'],
    ['https://openalex.org/I4210124069', 'institution'],
    ['https://openalex.org/S2764413820', 'source'],
    ['https://openalex.org/T13177', 'topic'],
    ['HTTPS://OPENALEX.ORG/w2741809807', 'work'],
    ['http://openalex.org/a5005897140', 'author'],
    ['W2741809807', 'work'],
    ['t13177', 'topic'],
  ])('%s is a %s', (id, kind) => {
    expect(detectKind(id)).toBe(kind);
  });

  it.each([
    ['a publisher', 'https://openalex.org/P4310311829'],
    ['a funder', 'https://openalex.org/F4320334764'],
    ['a concept', 'https://openalex.org/C127313418'],
    ['a subfield', 'https://openalex.org/subfields/1907'],
    ['another host', 'https://example.org/W2741809807'],
    ['no digits', 'https://openalex.org/W'],
    ['trailing text', 'https://openalex.org/W123x'],
    ['a DOI', 'https://doi.org/10.1145/3383583.3398584'],
    ['empty', ''],
    ['a number', 2741809807],
    ['null', null],
    ['undefined', undefined],
    ['an object', { id: 'https://openalex.org/W1' }],
  ])('%s is not a kind', (_label, id) => {
    expect(detectKind(id)).toBeUndefined();
  });
});
