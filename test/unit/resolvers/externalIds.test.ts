import { exactlyOne, requireDoi, requireIssn, requireOrcid, requirePmid, requireRor } from '../../../resolvers/externalIds';
import { badInput } from '../../support/badInput';

describe('external-id arguments', () => {
  it('normalise every accepted form', () => {
    expect(requireDoi('https://doi.org/10.1016/J.FUEL.2016.11.064', 'doi')).toBe('10.1016/j.fuel.2016.11.064');
    expect(requireDoi('doi:10.1016/j.fuel.2016.11.064', 'doi')).toBe('10.1016/j.fuel.2016.11.064');
    expect(requireOrcid('https://orcid.org/0000-0002-1825-0097', 'orcid')).toBe('0000-0002-1825-0097');
    expect(requireRor('https://ror.org/02ZTP3208', 'ror')).toBe('02ztp3208');
    expect(requireIssn('09214526', 'issn')).toBe('0921-4526');
    expect(requirePmid('https://pubmed.ncbi.nlm.nih.gov/29456894', 'pmid')).toBe('29456894');
  });

  it('are BAD_USER_INPUT naming the argument when malformed, quoting the value', () => {
    const cases: [() => unknown, string][] = [
      [() => requireDoi('10.12/x', 'doi'), 'doi'],
      [() => requireOrcid('0000-0002-1825-0098', 'orcid'), 'orcid'],
      [() => requireRor('02ztp3209', 'ror'), 'ror'],
      [() => requireIssn('0921-4527', 'issn'), 'issn'],
      [() => requirePmid('PMC29456894', 'pmid'), 'pmid'],
    ];
    for (const [fn, argument] of cases) {
      const err = badInput(fn);
      expect(err.extensions['argument']).toBe(argument);
      expect(err.message).toMatch(/\(got "/);
    }
  });
});

describe('exactlyOne', () => {
  it('answers which of two arguments was given', () => {
    expect(exactlyOne({ id: 'W1', doi: null }, 'id', 'doi')).toEqual({ name: 'id', value: 'W1' });
    expect(exactlyOne({ doi: '10.1234/x' }, 'id', 'doi')).toEqual({ name: 'doi', value: '10.1234/x' });
  });

  it('refuses neither and both, naming both arguments', () => {
    for (const args of [{}, { id: null, doi: undefined }, { id: 'W1', doi: '10.1234/x' }]) {
      const err = badInput(() => exactlyOne(args, 'id', 'doi'));
      expect(err.extensions['argument']).toBe('id');
      expect(err.extensions['problems']).toEqual([
        { field: 'id', message: expect.stringMatching(/exactly one of id and doi/) },
        { field: 'doi', message: expect.stringMatching(/exactly one of id and doi/) },
      ]);
    }
  });

  it('takes more than two alternatives, naming what was given', () => {
    expect(exactlyOne({ pmid: '42' }, 'id', 'doi', 'pmid')).toEqual({ name: 'pmid', value: '42' });
    expect(badInput(() => exactlyOne({}, 'id', 'doi', 'pmid')).message).toBe('give exactly one of id, doi and pmid (got none)');
    const err = badInput(() => exactlyOne({ doi: '10.1234/x', pmid: '42' }, 'id', 'doi', 'pmid'));
    expect(err.message).toBe('give exactly one of id, doi and pmid (got doi and pmid)');
    expect(err.extensions['problems']).toEqual(['id', 'doi', 'pmid'].map((field) => ({ field, message: err.message })));
  });
});
