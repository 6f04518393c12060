import { hasValidIssnChecksum, readIssn } from '../../../../../src/core/domain/issn';

describe('readIssn', () => {
  it('reads an ISSN with or without its hyphen or an issn: prefix, x in any case, into the hyphenated form', () => {
    for (const [form, issn] of [
      ['0921-4526', '0921-4526'],
      ['09214526', '0921-4526'],
      ['issn:1873-2135', '1873-2135'],
      ['ISSN: 18732135', '1873-2135'],
      ['1538-750x', '1538-750X'],
      ['1538750X', '1538-750X'],
      [' 0028-0836 ', '0028-0836'],
    ] as const) {
      expect({ form, reading: readIssn(form) }).toEqual({ form, reading: { issn } });
    }
  });

  it('refuses a wrong check character, naming it', () => {
    expect(readIssn('0921-4527')).toEqual({ problem: '0921-4527 has a wrong check digit' });
    expect(readIssn('1538-7509')).toEqual({ problem: '1538-7509 has a wrong check digit' });
  });

  it('refuses what is not an ISSN', () => {
    for (const value of ['', '0921-452', '0921-45266', '0921--4526', '092-14526', 'X921-4526', '0921-452Y', 'eissn:0921-4526', '0921 4526']) {
      expect({ value, reading: readIssn(value) }).toEqual({ value, reading: { problem: expect.stringMatching(/is not an ISSN/) } });
    }
  });

  it('computes the MOD 11 check character (X for 10)', () => {
    expect(['0921-4526', '1873-2135', '1538-750X', '1234-5679', '0028-0836'].every(hasValidIssnChecksum)).toBe(true);
    expect(hasValidIssnChecksum('1234-5678')).toBe(false);
  });
});
