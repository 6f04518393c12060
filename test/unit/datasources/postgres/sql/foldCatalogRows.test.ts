import { foldAuthors, foldInstitutions, foldSources } from '../../../../../datasources/postgres/sql/foldCatalogRows';
import type { AuthorWrite } from '../../../../../datasources/writes/catalogWrite';

const sighting = (over: Partial<AuthorWrite>): AuthorWrite => ({
  id: 'A1', displayName: 'A. Sighting', orcid: null, worksCount: null, citedByCount: null, hIndex: null, institutionIds: [], complete: false, ...over,
});
const complete = (over: Partial<AuthorWrite>): AuthorWrite =>
  sighting({ displayName: 'Ada Complete', worksCount: 5, citedByCount: 7, hIndex: 2, institutionIds: ['I1'], complete: true, ...over });

describe('foldCatalogRows (the merge statements\' rules, applied within a batch)', () => {
  it('institutions: the last name wins, a missing ror, country or type keeps the one seen before', () => {
    const folded = foldInstitutions([
      { id: 'I1', displayName: 'Old', ror: 'r', countryCode: 'GB', type: 'education' },
      { id: 'I2', displayName: 'Other', ror: null, countryCode: null, type: null },
      { id: 'I1', displayName: 'New', ror: null, countryCode: null, type: 'funder' },
    ]);
    expect(folded).toEqual([
      { id: 'I1', displayName: 'New', ror: 'r', countryCode: 'GB', type: 'funder' },
      { id: 'I2', displayName: 'Other', ror: null, countryCode: null, type: null },
    ]);
  });

  it('sources: empty ISSNs keep the ones seen before', () => {
    const folded = foldSources([
      { id: 'S1', displayName: 'J', issnL: '1', issns: ['1'], type: 'journal', hostOrganizationName: 'H' },
      { id: 'S1', displayName: 'J2', issnL: null, issns: [], type: null, hostOrganizationName: null },
    ]);
    expect(folded).toEqual([{ id: 'S1', displayName: 'J2', issnL: '1', issns: ['1'], type: 'journal', hostOrganizationName: 'H' }]);
  });

  it('authors: a later sighting never overwrites a complete record, but fills its missing ORCID', () => {
    const [author] = foldAuthors([complete({}), sighting({ displayName: 'A. C.', orcid: '0000', institutionIds: ['I9'] })]);
    expect(author).toEqual(complete({ orcid: '0000' }));
  });

  it('authors: a complete record after a sighting takes over, keeping the sighting\'s ORCID if it has none', () => {
    const [author] = foldAuthors([sighting({ orcid: '0000' }), complete({})]);
    expect(author).toEqual(complete({ orcid: '0000' }));
  });

  it('authors: among sightings the last name wins (as a stored sighting is renamed by the next)', () => {
    const [author] = foldAuthors([sighting({ displayName: 'First' }), sighting({ displayName: 'Last' })]);
    expect(author?.displayName).toBe('Last');
  });
});
