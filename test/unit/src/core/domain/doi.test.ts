import { MAX_DOI_LENGTH, normalizeDoi, readDoi } from '../../../../../src/core/domain/doi';

describe('readDoi', () => {
  it('reads printable suffixes, punctuation and symbols included (old Wiley DOIs hold <, >, ;, :)', () => {
    expect(readDoi('10.1002/(SICI)1097-4636(199707)36:1<1::AID-JBM1>3.0.CO;2-T')).toEqual({ doi: '10.1002/(sici)1097-4636(199707)36:1<1::aid-jbm1>3.0.co;2-t' });
    expect(readDoi('doi:10.1234/Ünïcödé-ß')).toEqual({ doi: '10.1234/ünïcödé-ß' });
  });

  it('refuses control, format and private-use characters in the suffix, naming why', () => {
    for (const value of ['10.1234/\u0001\u0002', '10.1234/a\u001b[31m', '10.1234/a\u200bb', '10.1234/a\u00adb', '10.1234/\uE000', '10.1234/a\u0085']) {
      expect(readDoi(value)).toEqual({ problem: expect.stringMatching(/not printable/) });
      expect(normalizeDoi(value)).toBeUndefined();
    }
  });

  it(`accepts ${MAX_DOI_LENGTH} characters and refuses one more (a 2,000-character DOI would not fit an index row)`, () => {
    const at = (n: number) => `10.1234/${'a'.repeat(n - '10.1234/'.length)}`;
    expect(readDoi(at(MAX_DOI_LENGTH))).toEqual({ doi: at(MAX_DOI_LENGTH) });
    expect(readDoi(`https://doi.org/${at(MAX_DOI_LENGTH)}`)).toEqual({ doi: at(MAX_DOI_LENGTH) });
    expect(readDoi(at(MAX_DOI_LENGTH + 1))).toEqual({ problem: `is longer than ${MAX_DOI_LENGTH} characters` });
    expect(normalizeDoi(at(2000))).toBeUndefined();
  });

  it('refuses what is no DOI at all', () => {
    for (const value of ['', 'doi', '10.12/abc', '11.1234/abc', '10.1234/', '10.1234/a b']) expect(readDoi(value)).toEqual({ problem: 'is not a DOI such as 10.1234/abc' });
  });
});
