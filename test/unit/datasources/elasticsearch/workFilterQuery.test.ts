import { workFilterQuery } from '../../../../datasources/elasticsearch/workFilterQuery';

describe('workFilterQuery (WorkFilter → Elasticsearch bool filter, with workFilterSql semantics)', () => {
  it('matches everything without a filter or with an empty one', () => {
    expect(workFilterQuery(undefined, 'works')).toEqual({ match_all: {} });
    expect(workFilterQuery({}, 'works')).toEqual({ match_all: {} });
    expect(workFilterQuery({ publicationYear: {}, type: null, and: [] }, 'works')).toEqual({ match_all: {} });
  });

  it('turns each set field into one filter clause', () => {
    expect(
      workFilterQuery({
        publicationYear: { gte: 2015, lte: 2020 },
        citedByCount: { gte: 10 },
        type: ['article', 'review'],
        isOpenAccess: false,
        doi: '10.1016/j.petrol.2019.106',
        authorId: 'A5087940859',
        topicId: 'T10001',
      }, 'works'),
    ).toEqual({
      bool: {
        filter: [
          { range: { publication_year: { gte: 2015, lte: 2020 } } },
          { range: { cited_by_count: { gte: 10 } } },
          { terms: { type: ['article', 'review'] } },
          { term: { is_open_access: false } },
          { term: { doi: '10.1016/j.petrol.2019.106' } },
          { term: { author_ids: 'A5087940859' } },
          { term: { topic_ids: 'T10001' } },
        ],
      },
    });
  });

  it('turns each issue-15 field into one clause over the denormalised document fields; citedBy is a terms lookup in the same index', () => {
    expect(
      workFilterQuery(
        {
          language: ['en'],
          sourceId: 'S1',
          institutionId: 'I1',
          countryCode: ['SA', 'US'],
          hasDoi: false,
          hasAbstract: true,
          cites: 'W1',
          citedBy: 'W2',
          publicationDate: { gte: '2019-01-01' },
          topicField: 'Engineering',
          topicSubfield: 'Ocean Engineering',
          topicDomain: 'Physical Sciences',
        },
        'works_x',
      ),
    ).toEqual({
      bool: {
        filter: [
          { range: { publication_date: { gte: '2019-01-01' } } },
          { terms: { language: ['en'] } },
          { terms: { country_codes: ['SA', 'US'] } },
          { term: { source_id: 'S1' } },
          { term: { institution_ids: 'I1' } },
          { term: { has_abstract: true } },
          { term: { referenced_work_ids: 'W1' } },
          { term: { topic_fields: 'Engineering' } },
          { term: { topic_subfields: 'Ocean Engineering' } },
          { term: { topic_domains: 'Physical Sciences' } },
          { bool: { must_not: [{ exists: { field: 'doi' } }] } },
          { terms: { id: { index: 'works_x', id: 'W2', path: 'referenced_work_ids' } } },
        ],
      },
    });
    expect(workFilterQuery({ hasDoi: true, language: [], countryCode: [] }, 'works')).toEqual({
      bool: { filter: [{ match_none: {} }, { match_none: {} }, { exists: { field: 'doi' } }] },
    });
  });

  it('keeps one-sided ranges one-sided (a range bound of 0 is a bound)', () => {
    expect(workFilterQuery({ citedByCount: { lte: 0 } }, 'works')).toEqual({ bool: { filter: [{ range: { cited_by_count: { lte: 0 } } }] } });
    expect(workFilterQuery({ publicationYear: { gte: 0, lte: null } }, 'works')).toEqual({ bool: { filter: [{ range: { publication_year: { gte: 0 } } }] } });
  });

  it('composes and (all) and or (at least one), recursively', () => {
    expect(workFilterQuery({ isOpenAccess: true, and: [{ authorId: 'A1' }, { or: [{ topicId: 'T1' }, { type: ['book'] }] }] }, 'works')).toEqual({
      bool: {
        filter: [
          { term: { is_open_access: true } },
          { bool: { filter: [{ term: { author_ids: 'A1' } }] } },
          {
            bool: {
              filter: [
                {
                  bool: {
                    should: [{ bool: { filter: [{ term: { topic_ids: 'T1' } }] } }, { bool: { filter: [{ terms: { type: ['book'] } }] } }],
                    minimum_should_match: 1,
                  },
                },
              ],
            },
          },
        ],
      },
    });
  });

  it('matches nothing for an empty `or` or an empty type list, as the SQL does (FALSE, = ANY({}))', () => {
    expect(workFilterQuery({ or: [] }, 'works')).toEqual({ bool: { filter: [{ match_none: {} }] } });
    expect(workFilterQuery({ type: [] }, 'works')).toEqual({ bool: { filter: [{ match_none: {} }] } });
  });

  it('passes user values as term values only', () => {
    const hostile = '"; {"match_all":{}} //';
    expect(workFilterQuery({ doi: hostile, authorId: hostile }, 'works')).toEqual({
      bool: { filter: [{ term: { doi: hostile } }, { term: { author_ids: hostile } }] },
    });
  });
});
