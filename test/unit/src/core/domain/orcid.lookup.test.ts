import { readOrcid } from '../../../../../src/core/domain/orcid';

describe('readOrcid (the forms a lookup accepts)', () => {
  it('reads bare (hyphens optional), orcid: and URL forms (http, https, www), x in any case', () => {
    for (const [form, orcid] of [
      ['0000-0002-1825-0097', '0000-0002-1825-0097'],
      ['0000000218250097', '0000-0002-1825-0097'],
      ['orcid:0000-0002-1825-0097', '0000-0002-1825-0097'],
      ['https://orcid.org/0000-0002-1825-0097', '0000-0002-1825-0097'],
      ['http://www.orcid.org/0000-0002-1825-0097/', '0000-0002-1825-0097'],
      ['0000-0002-3577-639x', '0000-0002-3577-639X'],
      ['https://orcid.org/0000-0002-3577-639X', '0000-0002-3577-639X'],
    ] as const) {
      expect({ form, reading: readOrcid(form) }).toEqual({ form, reading: { orcid } });
    }
  });

  it('refuses a wrong check digit, naming the ORCID', () => {
    expect(readOrcid('0000-0002-1825-0098')).toEqual({ problem: '0000-0002-1825-0098 has a wrong check digit' });
  });

  it('refuses what is not an ORCID', () => {
    for (const value of ['', '0000-0002-1825-009', '0000-0002-1825-00977', '0000-0002-1825-X097', 'https://example.org/0000-0002-1825-0097', 'A5087940859']) {
      expect({ value, reading: readOrcid(value) }).toEqual({ value, reading: { problem: expect.stringMatching(/is not an ORCID/) } });
    }
  });
});
