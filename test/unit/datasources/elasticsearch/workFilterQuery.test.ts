import { workFilterQuery } from '../../../../datasources/elasticsearch/workFilterQuery';

describe('workFilterQuery (WorkFilter → Elasticsearch bool filter, with workFilterSql semantics)', () => {
  it('matches everything without a filter or with an empty one', () => {
    expect(workFilterQuery(undefined)).toEqual({ match_all: {} });
    expect(workFilterQuery({})).toEqual({ match_all: {} });
    expect(workFilterQuery({ publicationYear: {}, type: null, and: [] })).toEqual({ match_all: {} });
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
      }),
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

  it('keeps one-sided ranges one-sided (a range bound of 0 is a bound)', () => {
    expect(workFilterQuery({ citedByCount: { lte: 0 } })).toEqual({ bool: { filter: [{ range: { cited_by_count: { lte: 0 } } }] } });
    expect(workFilterQuery({ publicationYear: { gte: 0, lte: null } })).toEqual({ bool: { filter: [{ range: { publication_year: { gte: 0 } } }] } });
  });

  it('composes and (all) and or (at least one), recursively', () => {
    expect(workFilterQuery({ isOpenAccess: true, and: [{ authorId: 'A1' }, { or: [{ topicId: 'T1' }, { type: ['book'] }] }] })).toEqual({
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
    expect(workFilterQuery({ or: [] })).toEqual({ bool: { filter: [{ match_none: {} }] } });
    expect(workFilterQuery({ type: [] })).toEqual({ bool: { filter: [{ match_none: {} }] } });
  });

  it('passes user values as term values only', () => {
    const hostile = '"; {"match_all":{}} //';
    expect(workFilterQuery({ doi: hostile, authorId: hostile })).toEqual({
      bool: { filter: [{ term: { doi: hostile } }, { term: { author_ids: hostile } }] },
    });
  });
});
