import { doiUrl, normalizeDoi } from '../../../../../src/core/domain/doi';
import { toOpenAlexUrl, toShortId } from '../../../../../src/core/domain/openAlexId';
import { normalizeOrcid, orcidUrl } from '../../../../../src/core/domain/orcid';

describe('toShortId', () => {
  it.each([
    ['W2741809807', 'W2741809807'],
    ['https://openalex.org/W2741809807', 'W2741809807'],
    ['http://openalex.org/W2741809807', 'W2741809807'],
    ['https://openalex.org/works/W2741809807', 'W2741809807'],
    ['https://api.openalex.org/works/W2741809807', 'W2741809807'],
    ['w2741809807', 'W2741809807'],
    ['HTTPS://OPENALEX.ORG/w2741809807', 'W2741809807'],
    ['  A5023888391  ', 'A5023888391'],
    ['https://openalex.org/authors/a5023888391', 'A5023888391'],
    ['I134085113', 'I134085113'],
    ['S198098182', 'S198098182'],
    ['https://openalex.org/T11302', 'T11302'],
  ])('%s → %s', (input, expected) => {
    expect(toShortId(input)).toBe(expected);
  });

  it('checks the prefix when one is asked for, case-insensitively', () => {
    expect(toShortId('w1', 'W')).toBe('W1');
    expect(toShortId('https://openalex.org/A5', 'A')).toBe('A5');
    expect(toShortId('A5023888391', 'W')).toBeUndefined();
    expect(toShortId('https://openalex.org/W2741809807', 'A')).toBeUndefined();
    expect(toShortId('I1', 'S')).toBeUndefined();
  });

  it.each([
    [''],
    ['W'],
    ['2741809807'],
    ['W12a'],
    ['X2741809807'],
    ['P4310310987'], // publishers are not among the entity kinds
    ['WW1'],
    ['W 1'],
    ['https://example.org/W1'],
    ['https://openalex.org/'],
    ['https://openalex.org/W1/extra'],
    ['openalex.org/W1'],
    ['https://openalex.org/subfields/2305'],
    ['W1; DROP TABLE works'],
  ])('rejects %j', (input) => {
    expect(toShortId(input)).toBeUndefined();
  });

  it('rejects non-strings', () => {
    for (const value of [undefined, null, 123, { id: 'W1' }, ['W1']]) expect(toShortId(value)).toBeUndefined();
  });

  it('toOpenAlexUrl gives the URL form, which maps back to the short id', () => {
    expect(toOpenAlexUrl('W2741809807')).toBe('https://openalex.org/W2741809807');
    expect(toShortId(toOpenAlexUrl('A5'), 'A')).toBe('A5');
  });
});

describe('normalizeDoi', () => {
  const bare = '10.1016/j.fuel.2016.11.064';
  it.each([
    ['10.1016/j.fuel.2016.11.064'],
    ['10.1016/J.FUEL.2016.11.064'],
    ['doi:10.1016/j.fuel.2016.11.064'],
    ['DOI:10.1016/J.Fuel.2016.11.064'],
    ['https://doi.org/10.1016/j.fuel.2016.11.064'],
    ['http://doi.org/10.1016/j.fuel.2016.11.064'],
    ['https://dx.doi.org/10.1016/J.FUEL.2016.11.064'],
    ['http://dx.doi.org/10.1016/j.fuel.2016.11.064'],
    ['HTTPS://DOI.ORG/10.1016/j.fuel.2016.11.064'],
    ['  https://doi.org/10.1016/j.fuel.2016.11.064 '],
  ])('%s → the bare lowercase DOI', (input) => {
    expect(normalizeDoi(input)).toBe(bare);
  });

  it('keeps every character of the suffix, lowercased', () => {
    expect(normalizeDoi('https://doi.org/10.1007/978-981-10-9035-6_11')).toBe('10.1007/978-981-10-9035-6_11');
    expect(normalizeDoi('10.1002/(SICI)1097-4636(199706)')).toBe('10.1002/(sici)1097-4636(199706)');
    expect(normalizeDoi('10.20944/preprints202108.0344.v1')).toBe('10.20944/preprints202108.0344.v1');
  });

  it.each([
    [''],
    ['not a doi'],
    ['10.1016'],
    ['10.1016/'],
    ['11.1016/abc'],
    ['10.12/abc'], // registrant code shorter than 4 digits
    ['https://doi.org/'],
    ['https://example.org/10.1016/abc'],
    ['10.1016/has space'],
    ['doi: 10.1016/abc def'],
  ])('rejects %j', (input) => {
    expect(normalizeDoi(input)).toBeUndefined();
  });

  it('rejects non-strings', () => {
    for (const value of [undefined, null, 10.1016, {}]) expect(normalizeDoi(value)).toBeUndefined();
  });

  it('doiUrl gives the URL form, which normalises back', () => {
    expect(doiUrl(bare)).toBe(`https://doi.org/${bare}`);
    expect(normalizeDoi(doiUrl(bare))).toBe(bare);
  });
});

describe('normalizeOrcid', () => {
  it.each([
    ['0000-0002-1825-0097', '0000-0002-1825-0097'],
    ['https://orcid.org/0000-0002-1825-0097', '0000-0002-1825-0097'],
    ['http://orcid.org/0000-0002-1825-0097', '0000-0002-1825-0097'],
    ['HTTPS://ORCID.ORG/0000-0002-1825-0097', '0000-0002-1825-0097'],
    [' 0000-0002-1825-0097 ', '0000-0002-1825-0097'],
    // The last character is a checksum that may be X; a lowercase x is normalised to X.
    ['0000-0002-5435-626X', '0000-0002-5435-626X'],
    ['0000-0002-5435-626x', '0000-0002-5435-626X'],
    ['https://orcid.org/0000-0002-5435-626x', '0000-0002-5435-626X'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeOrcid(input)).toBe(expected);
  });

  it.each([
    [''],
    ['0000-0002-1825-009'],
    ['0000-0002-1825-00971'],
    ['0000000218250097'],
    ['0000-0002-1825-X097'], // X only as the last character
    ['000X-0002-1825-0097'],
    ['https://example.org/0000-0002-1825-0097'],
    ['orcid.org/0000-0002-1825-0097x'],
    ['0000-0002-1825-0097; DROP'],
  ])('rejects %j', (input) => {
    expect(normalizeOrcid(input)).toBeUndefined();
  });

  it('rejects non-strings', () => {
    for (const value of [undefined, null, 18250097, {}]) expect(normalizeOrcid(value)).toBeUndefined();
  });

  it('orcidUrl gives the URL form, which normalises back', () => {
    expect(orcidUrl('0000-0002-5435-626X')).toBe('https://orcid.org/0000-0002-5435-626X');
    expect(normalizeOrcid(orcidUrl('0000-0002-5435-626X'))).toBe('0000-0002-5435-626X');
  });
});
