import { groupDocumentField, knownGroups, unknownCount, workGroupAggregations } from '../../../../datasources/elasticsearch/workGroupAggregation';
import { WORK_INDEX_MAPPINGS } from '../../../../datasources/elasticsearch/workIndexMapping';
import { WORK_GROUP_FIELDS } from '../../../../datasources/workGroups';

describe('workGroupAggregation', () => {
  it('groups every field by a document field with doc values (keyword, integer or boolean)', () => {
    for (const field of WORK_GROUP_FIELDS) {
      const mapping = WORK_INDEX_MAPPINGS.properties?.[groupDocumentField(field)] as { type?: string } | undefined;
      expect({ field, type: mapping?.type }).toEqual({ field, type: expect.stringMatching(/^(keyword|integer|boolean)$/) });
    }
  });

  it('asks for first terms by count then key, and the missing count only when wanted; no terms for first 0', () => {
    expect(workGroupAggregations({ field: 'COUNTRY', includeUnknown: true, first: 5 })).toEqual({
      groups: { terms: { field: 'country_codes', size: 5, order: [{ _count: 'desc' }, { _key: 'asc' }] } },
      unknown: { missing: { field: 'country_codes' } },
    });
    expect(workGroupAggregations({ field: 'YEAR', includeUnknown: false, first: 0 })).toEqual({});
  });

  it('reads keys as the filter takes them: a year as text, a boolean as true/false', () => {
    const aggregations = {
      groups: { buckets: [{ key: 2021, doc_count: 4 }, { key: 1, key_as_string: 'true', doc_count: 2 }] },
      unknown: { doc_count: 3 },
    } as never;
    expect(knownGroups(aggregations)).toEqual([
      { key: '2021', count: 4 },
      { key: 'true', count: 2 },
    ]);
    expect(unknownCount(aggregations)).toBe(3);
    expect(unknownCount({})).toBeUndefined();
    expect(knownGroups(undefined)).toEqual([]);
  });
});
