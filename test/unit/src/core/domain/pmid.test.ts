import { normalizePmid, pmidUrl, readPmid } from '../../../../../src/core/domain/pmid';

describe('readPmid', () => {
  it('reads a PMID in bare, pmid: and URL form into its digits, without leading zeros', () => {
    for (const [form, pmid] of [
      ['29456894', '29456894'],
      [' 29456894 ', '29456894'],
      ['pmid:29456894', '29456894'],
      ['PMID: 29456894', '29456894'],
      ['https://pubmed.ncbi.nlm.nih.gov/29456894', '29456894'],
      ['https://pubmed.ncbi.nlm.nih.gov/29456894/', '29456894'],
      ['http://PubMed.ncbi.nlm.nih.gov/29456894', '29456894'],
      ['pubmed.ncbi.nlm.nih.gov/29456894', '29456894'],
      ['https://www.ncbi.nlm.nih.gov/pubmed/29456894', '29456894'],
      ['00042', '42'],
      ['1', '1'],
    ] as const) {
      expect({ form, reading: readPmid(form) }).toEqual({ form, reading: { pmid } });
    }
  });

  it('refuses what is not a PMID, naming why', () => {
    for (const value of ['', 'abc', '12a', '-5', '1.5', '2945 6894', 'pmcid:29456894', 'https://example.org/29456894', 'https://pubmed.ncbi.nlm.nih.gov/', '1234567890123']) {
      expect({ value, reading: readPmid(value) }).toEqual({ value, reading: { problem: expect.stringMatching(/is not a PubMed id such as/) } });
    }
    expect(readPmid('000')).toEqual({ problem: 'is not a PubMed id: PubMed ids are positive' });
    expect(readPmid('12345678901')).toEqual({ problem: 'has more than 10 digits' });
  });

  it('normalises what OpenAlex gives and nothing else; the URL form round-trips', () => {
    expect(normalizePmid('https://pubmed.ncbi.nlm.nih.gov/23302843')).toBe('23302843');
    expect(normalizePmid(23302843)).toBeUndefined();
    expect(normalizePmid('PMC123')).toBeUndefined();
    expect(normalizePmid(pmidUrl('23302843'))).toBe('23302843');
  });
});
