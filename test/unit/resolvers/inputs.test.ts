import { requireId, toAuthorFilter, toWorkFilter } from '../../../resolvers/inputs';
import { type WorkFilter } from '../../../src/generated/graphql';
import { badInput } from '../../support/badInput';


describe('requireId', () => {
  it('returns the short id of a short or URL id, case-insensitively', () => {
    expect(requireId('W2741809807', 'W', 'id')).toBe('W2741809807');
    expect(requireId('https://openalex.org/w2741809807', 'W', 'id')).toBe('W2741809807');
    expect(requireId('a5023888391', 'A', 'authorId')).toBe('A5023888391');
  });

  it('names the argument in the error, for garbage and for an id of another entity', () => {
    const garbage = badInput(() => requireId('not-an-id', 'W', 'id'));
    expect(garbage.extensions['argument']).toBe('id');
    expect(garbage.message).toContain('id');
    expect(garbage.message).toContain('not-an-id');

    const wrongKind = badInput(() => requireId('A5023888391', 'W', 'work.id'));
    expect(wrongKind.extensions['argument']).toBe('work.id');
    expect(wrongKind.message).toContain('work.id');
    expect(wrongKind.message).toContain('A5023888391');
  });
});

describe('toWorkFilter', () => {
  it('is undefined for a missing filter', () => {
    expect(toWorkFilter(undefined)).toBeUndefined();
    expect(toWorkFilter(null)).toBeUndefined();
  });

  it('normalises ids and DOIs at the top level and keeps the other conditions', () => {
    const result = toWorkFilter({
      authorId: 'https://openalex.org/a5087940859',
      topicId: 't11302',
      doi: 'https://doi.org/10.3390/EN13123200',
      type: ['article', 'review'],
      isOpenAccess: false,
      publicationYear: { gte: 2020, lte: 2020 },
      citedByCount: { gte: 5 },
    });
    expect(result).toMatchObject({
      authorId: 'A5087940859',
      topicId: 'T11302',
      doi: '10.3390/en13123200',
      type: ['article', 'review'],
      isOpenAccess: false,
      publicationYear: { gte: 2020, lte: 2020 },
      citedByCount: { gte: 5 },
    });
  });

  it('normalises ids and DOIs inside nested and/or', () => {
    const result = toWorkFilter({
      or: [
        { authorId: 'A1' },
        { and: [{ doi: 'doi:10.1016/J.FUEL.2021.121310' }, { topicId: 'https://openalex.org/T10399' }] },
      ],
    });
    expect(result?.or?.[0]?.authorId).toBe('A1');
    expect(result?.or?.[1]?.and?.[0]?.doi).toBe('10.1016/j.fuel.2021.121310');
    expect(result?.or?.[1]?.and?.[1]?.topicId).toBe('T10399');
    expect(result?.or).toHaveLength(2);
    expect(result?.and).toBeUndefined();
  });

  it('names the exact path of a bad id deep in and/or', () => {
    const err = badInput(() => toWorkFilter({ or: [{ authorId: 'A1' }, { authorId: 'W1' }] }));
    expect(err.extensions['argument']).toBe('filter.or[1].authorId');
    expect(err.message).toContain('filter.or[1].authorId');

    const deeper = badInput(() => toWorkFilter({ and: [{}, { or: [{ topicId: 'garbage' }] }] }));
    expect(deeper.extensions['argument']).toBe('filter.and[1].or[0].topicId');
  });

  it('names the path of a bad DOI', () => {
    const err = badInput(() => toWorkFilter({ and: [{ doi: 'not a doi' }] }));
    expect(err.extensions['argument']).toBe('filter.and[0].doi');
    expect(err.message).toContain('not a doi');
  });

  it('uses the argument name it is given as the root of paths', () => {
    const err = badInput(() => toWorkFilter({ or: [{ authorId: 'nope' }] }, 'where'));
    expect(err.extensions['argument']).toBe('where.or[0].authorId');
  });

  it('rejects gte > lte on both ranges, at any depth, and accepts gte = lte or one-sided ranges', () => {
    expect(badInput(() => toWorkFilter({ publicationYear: { gte: 2021, lte: 2020 } })).extensions['argument']).toBe('filter.publicationYear');
    expect(badInput(() => toWorkFilter({ citedByCount: { gte: 10, lte: 9 } })).extensions['argument']).toBe('filter.citedByCount');
    expect(badInput(() => toWorkFilter({ or: [{}, { and: [{ citedByCount: { gte: 1, lte: 0 } }] }] })).extensions['argument']).toBe(
      'filter.or[1].and[0].citedByCount',
    );
    expect(() => toWorkFilter({ publicationYear: { gte: 2020, lte: 2020 }, citedByCount: { gte: 100 } })).not.toThrow();
    expect(() => toWorkFilter({ citedByCount: { lte: 0 } })).not.toThrow();
  });

  /** A chain of `levels` filter objects, each (but the last) holding the next in `and`. */
  function chain(levels: number): WorkFilter {
    let f: WorkFilter = { isOpenAccess: true };
    for (let i = 1; i < levels; i++) f = { and: [f] };
    return f;
  }

  it('accepts nesting 5 levels deep (the top-level filter is level 1)', () => {
    const result = toWorkFilter(chain(5));
    expect(result?.and?.[0]?.and?.[0]?.and?.[0]?.and?.[0]?.isOpenAccess).toBe(true);
  });

  it('rejects nesting deeper than 5 levels, naming the offending path', () => {
    const err = badInput(() => toWorkFilter(chain(6)));
    expect(err.extensions['argument']).toBe('filter.and[0].and[0].and[0].and[0].and[0]');
    expect(err.message).toContain('5');
    // Through or as well.
    const viaOr: WorkFilter = { or: [{ or: [{ or: [{ or: [{ or: [{ isOpenAccess: true }] }] }] }] }] };
    expect(badInput(() => toWorkFilter(viaOr)).extensions['argument']).toBe('filter.or[0].or[0].or[0].or[0].or[0]');
  });

  it('accepts up to 50 filter nodes and rejects more, naming the filter argument', () => {
    const withSubs = (n: number): WorkFilter => ({ and: Array.from({ length: n }, (_, i) => ({ citedByCount: { gte: i } })) });
    // 1 top-level node + 49 subfilters = 50 nodes.
    expect(toWorkFilter(withSubs(49))?.and).toHaveLength(49);
    const err = badInput(() => toWorkFilter(withSubs(50)));
    expect(err.extensions['argument']).toBe('filter');
    expect(err.message).toContain('50');
  });

  it('counts nodes across and and or at every depth', () => {
    const leaves = (n: number) => Array.from({ length: n }, () => ({ isOpenAccess: true }));
    // 1 + (1 + 24) + (1 + 23) = 50 nodes.
    expect(() => toWorkFilter({ and: [{ or: leaves(24) }], or: [{ and: leaves(23) }] })).not.toThrow();
    // 1 + (1 + 24) + (1 + 24) = 51 nodes.
    expect(badInput(() => toWorkFilter({ and: [{ or: leaves(24) }], or: [{ and: leaves(24) }] })).extensions['argument']).toBe('filter');
  });
});

describe('toAuthorFilter', () => {
  it('is undefined for a missing filter', () => {
    expect(toAuthorFilter(undefined)).toBeUndefined();
    expect(toAuthorFilter(null)).toBeUndefined();
  });

  it('normalises the ORCID (URL form, lowercase x checksum) and the institution id', () => {
    expect(toAuthorFilter({ orcid: 'https://orcid.org/0000-0002-5435-626x', institutionId: 'https://openalex.org/i134085113' })).toMatchObject({
      orcid: '0000-0002-5435-626X',
      institutionId: 'I134085113',
    });
    expect(toAuthorFilter({ orcid: '0000-0003-4152-6060' })?.orcid).toBe('0000-0003-4152-6060');
  });

  it('keeps nameContains and the ranges as given', () => {
    expect(toAuthorFilter({ nameContains: "O'Brien", worksCount: { gte: 1 }, citedByCount: { lte: 10 } })).toMatchObject({
      nameContains: "O'Brien",
      worksCount: { gte: 1 },
      citedByCount: { lte: 10 },
    });
  });

  it('rejects a malformed ORCID on filter.orcid', () => {
    const err = badInput(() => toAuthorFilter({ orcid: '0000-0002-1825' }));
    expect(err.extensions['argument']).toBe('filter.orcid');
    expect(err.message).toContain('0000-0002-1825');
  });

  it('rejects an id of another entity on filter.institutionId', () => {
    expect(badInput(() => toAuthorFilter({ institutionId: 'A5087940859' })).extensions['argument']).toBe('filter.institutionId');
  });

  it('rejects gte > lte on its ranges', () => {
    expect(badInput(() => toAuthorFilter({ worksCount: { gte: 5, lte: 4 } })).extensions['argument']).toBe('filter.worksCount');
    expect(badInput(() => toAuthorFilter({ citedByCount: { gte: 5, lte: 4 } })).extensions['argument']).toBe('filter.citedByCount');
  });
});

describe('toWorkFilter, the issue-15 fields', () => {
  it('normalises ids (short or URL), lowercases languages, uppercases countries and keeps the rest', () => {
    expect(
      toWorkFilter({
        language: [' EN', 'fr'],
        sourceId: 'https://openalex.org/s4210',
        institutionId: 'i123',
        countryCode: ['sa', 'Us'],
        hasDoi: true,
        hasAbstract: false,
        cites: 'https://openalex.org/W1',
        citedBy: 'w2',
        publicationDate: { gte: '2020-02-29', lte: '2020-03-01' },
        topicField: 'Engineering',
        topicSubfield: 'Ocean Engineering',
        topicDomain: 'Physical Sciences',
        or: [{ citedBy: 'W3' }],
      }),
    ).toMatchObject({
      language: ['en', 'fr'],
      sourceId: 'S4210',
      institutionId: 'I123',
      countryCode: ['SA', 'US'],
      hasDoi: true,
      hasAbstract: false,
      cites: 'W1',
      citedBy: 'W2',
      publicationDate: { gte: '2020-02-29', lte: '2020-03-01' },
      topicField: 'Engineering',
      topicSubfield: 'Ocean Engineering',
      topicDomain: 'Physical Sciences',
      or: [{ citedBy: 'W3' }],
    });
  });

  it.each<[WorkFilter, string]>([
    [{ language: ['english'] }, 'filter.language[0]'],
    [{ language: ['en', 'xx'] }, 'filter.language[1]'],
    [{ countryCode: ['SAU'] }, 'filter.countryCode[0]'],
    [{ countryCode: ['QQ'] }, 'filter.countryCode[0]'],
    [{ sourceId: 'W1' }, 'filter.sourceId'],
    [{ institutionId: 'nope' }, 'filter.institutionId'],
    [{ cites: 'A1' }, 'filter.cites'],
    [{ and: [{ citedBy: 'x' }] }, 'filter.and[0].citedBy'],
    [{ publicationDate: { gte: '2021-02-29' } }, 'filter.publicationDate.gte'],
    [{ publicationDate: { lte: '2021-1-01' } }, 'filter.publicationDate.lte'],
    [{ publicationDate: { gte: '2021-02-02', lte: '2021-02-01' } }, 'filter.publicationDate'],
  ])('refuses %j with BAD_USER_INPUT naming %s', (filter, argument) => {
    const error = badInput(() => toWorkFilter(filter));
    expect(error.extensions['argument']).toBe(argument);
  });
});
