import { workDocumentLookups } from '../../../../datasources/elasticsearch/workDocumentLookups';
import { toWorkDocument } from '../../../../datasources/elasticsearch/workIndexMapping';
import { type CatalogBatch, mergeBatches } from '../../../../datasources/writes/catalogWrite';
import { catalogBatchFromOpenAlex } from '../../../../src/seed/catalogBatchFromOpenAlex';
import { readOpenAlex } from '../../../../src/seed/readOpenAlex';
import { samplePaths } from '../../../../src/seed/samplePaths';
import { workFilterGroundTruth } from '../../../support/workFilterGroundTruth';

const sorted = (values: readonly string[]) => [...values].sort();

describe('toWorkDocument over the shipped sample', () => {
  let batch: CatalogBatch;
  beforeAll(async () => {
    const batches: CatalogBatch[] = [];
    for await (const input of readOpenAlex(samplePaths())) if (input.kind !== 'rejected') batches.push(catalogBatchFromOpenAlex(input));
    batch = mergeBatches(batches);
  });

  it('gives every work the filter and group-by fields its source JSON gives', () => {
    const truth = workFilterGroundTruth();
    const lookups = workDocumentLookups(batch);
    const works = new Map(batch.works.map((w) => [w.id, w]));
    expect(works.size).toBe(truth.size);
    for (const expected of truth.values()) {
      const work = works.get(expected.id);
      if (!work) throw new Error(`${expected.id} not read from the sample`);
      const doc = toWorkDocument(work, lookups);
      expect({
        id: doc.id,
        language: doc.language,
        source_id: doc.source_id,
        institution_ids: sorted(doc.institution_ids),
        country_codes: sorted(doc.country_codes),
        topic_fields: sorted(doc.topic_fields),
        topic_subfields: sorted(doc.topic_subfields),
        topic_domains: sorted(doc.topic_domains),
        has_abstract: doc.has_abstract,
        has_doi: doc.doi !== null,
        referenced_work_ids: doc.referenced_work_ids,
      }).toEqual({
        id: expected.id,
        language: expected.language,
        source_id: expected.sourceId,
        institution_ids: sorted(expected.institutionIds),
        country_codes: sorted(expected.countryCodes),
        topic_fields: sorted(expected.topicFields),
        topic_subfields: sorted(expected.topicSubfields),
        topic_domains: sorted(expected.topicDomains),
        has_abstract: expected.hasAbstract,
        has_doi: expected.hasDoi,
        referenced_work_ids: expected.referencedWorkIds,
      });
    }
    // The sample exercises every field: not all empty, not all the same.
    const all = [...truth.values()];
    expect(all.some((w) => w.countryCodes.length > 1)).toBe(true);
    expect(all.some((w) => !w.hasAbstract) && all.some((w) => w.hasAbstract)).toBe(true);
    expect(all.some((w) => w.topicDomains.length > 1)).toBe(true);
  });

  it('takes an institution country the batch gives once, and drops one it never gives', () => {
    const [first] = batch.works;
    if (!first) throw new Error('empty sample');
    const work = { ...first, authorships: [{ position: 1, authorPosition: null, authorId: null, rawAuthorName: 'X', institutionIds: ['I1', 'I2', 'I3'] }], topics: [] };
    const lookups = workDocumentLookups({
      institutions: [
        { id: 'I1', displayName: 'One', ror: null, countryCode: 'sa', type: null },
        { id: 'I1', displayName: 'One', ror: null, countryCode: null, type: null },
        { id: 'I2', displayName: 'Two', ror: null, countryCode: null, type: null },
        { id: 'I3', displayName: 'Three', ror: null, countryCode: 'SA', type: null },
      ],
      topics: [],
    });
    const doc = toWorkDocument(work, lookups);
    expect(doc.institution_ids).toEqual(['I1', 'I2', 'I3']);
    expect(doc.country_codes).toEqual(['SA']);
    expect([doc.topic_fields, doc.topic_subfields, doc.topic_domains]).toEqual([[], [], []]);
  });
});
