import { hasValidRorChecksum, readRor, rorUrl } from '../../../../../src/core/domain/ror';

// Real ROR ids: Ashton Security Laboratories (in the sample), KFUPM (in the sample), Caltech.
const REAL = ['02ztp3208', '03yez3163', '05dxps055'];

describe('readRor', () => {
  it('reads the forms OpenAlex accepts: bare, ror:, URL (http, https, www), any case, blanks and a trailing slash', () => {
    for (const form of ['02ztp3208', '02ZTP3208', 'ror:02ztp3208', 'https://ror.org/02ztp3208', 'http://ror.org/02ZTP3208', 'https://www.ror.org/02ztp3208/', 'ror.org/02ztp3208', '  02ztp3208 ']) {
      expect({ form, reading: readRor(form) }).toEqual({ form, reading: { ror: '02ztp3208' } });
    }
  });

  it('accepts real ids and refuses wrong check digits, naming them', () => {
    for (const ror of REAL) expect(readRor(ror)).toEqual({ ror });
    expect(readRor('02ztp3209')).toEqual({ problem: '02ztp3209 has wrong check digits' });
    expect(readRor('05dxps056')).toEqual({ problem: expect.stringMatching(/wrong check digits/) });
  });

  it('refuses what is not a ROR id: other lengths, a first character other than 0, letters Crockford base32 leaves out, other hosts', () => {
    for (const value of ['', '02ztp320', '02ztp32088', '12ztp3208', '0iztp3208', '0lztp3208', '0oztp3208', '0uztp3208', '02ztp32a8', 'https://example.org/02ztp3208', 'https://ror.org/02ztp3208/x', '02ztp 3208']) {
      expect({ value, reading: readRor(value) }).toEqual({ value, reading: { problem: expect.stringMatching(/is not a ROR id/) } });
    }
  });

  it('checks the MOD 97-10 checksum over the base32 digits and gives the URL OpenAlex shows', () => {
    expect(REAL.every(hasValidRorChecksum)).toBe(true);
    expect(hasValidRorChecksum('03yez3164')).toBe(false);
    expect(rorUrl('02ztp3208')).toBe('https://ror.org/02ztp3208');
  });
});
