import { SUGGESTION_INDEX_MAPPINGS } from '../../../../datasources/elasticsearch/suggestionIndexMapping';
import { type Client, errors } from '@elastic/elasticsearch';
import type { CatalogBatch, WorkWrite } from '../../../../datasources/writes/catalogWrite';
import { emptyBatch } from '../../../../datasources/writes/catalogWrite';
import { ElasticBulkError, ElasticProjection } from '../../../../datasources/elasticsearch/ElasticProjection';
import { isTransientElasticError } from '../../../../datasources/elasticsearch/isTransientElasticError';
import { workDocumentLookups } from '../../../../datasources/elasticsearch/workDocumentLookups';
import { toWorkDocument, WORK_INDEX_MAPPINGS } from '../../../../datasources/elasticsearch/workIndexMapping';
import { StorePolicy } from '../../../../datasources/shared/StorePolicy';

const work = (id: string, title: string): WorkWrite => ({
  id,
  doi: `10.1/${id.toLowerCase()}`,
  title,
  abstract: 'An abstract.',
  publicationYear: 2020,
  publicationDate: '2020-01-02',
  type: 'article',
  language: 'en',
  citedByCount: 7,
  isOpenAccess: true,
  sourceId: 'S1',
  primaryTopicId: 'T1',
  referencedWorkIds: ['W99'],
  relatedWorkIds: [],
  oaStatus: null,
  oaUrl: null,
  countsByYear: [],
  authorships: [
    { position: 1, authorPosition: 'first', authorId: 'A1', rawAuthorName: 'One', institutionIds: [] },
    { position: 2, authorPosition: 'last', authorId: 'A2', rawAuthorName: 'Two', institutionIds: [] },
    { position: 3, authorPosition: 'last', authorId: 'A1', rawAuthorName: 'One again', institutionIds: [] },
  ],
  topics: [
    { topicId: 'T1', score: 0.9 },
    { topicId: 'T2', score: 0.5 },
  ],
});

const batch = (works: WorkWrite[]): CatalogBatch => ({ ...emptyBatch(), works });
const lookups = workDocumentLookups({
  institutions: [{ id: 'I1', displayName: 'Inst', ror: null, countryCode: 'SA', type: null }],
  topics: [{ id: 'T1', displayName: 'Topic', subfield: 'Sub', field: 'Field', domain: 'Domain' }],
});

type Listing = Record<string, { aliases: Record<string, object> }>;

/** A client recording calls; `indices.get` answers `listing()` (what `GET <names>?features=aliases` would list). */
function fakeClient(overrides: { listing?: () => Listing; create?: () => Promise<unknown>; bulk?: (p: { operations: unknown[] }) => Promise<unknown> } = {}) {
  const calls: { method: string; params: unknown }[] = [];
  const record = (method: string, answer: () => unknown = () => ({ acknowledged: true })) =>
    jest.fn(async (params: unknown) => {
      calls.push({ method, params });
      return answer();
    });
  const client = {
    indices: {
      get: record('get', () => overrides.listing?.() ?? {}),
      create: jest.fn(async (params: unknown) => {
        calls.push({ method: 'create', params });
        return overrides.create ? overrides.create() : { acknowledged: true };
      }),
      refresh: record('refresh'),
      putMapping: record('putMapping'),
      putSettings: record('putSettings'),
      updateAliases: record('updateAliases'),
      delete: record('delete'),
    },
    bulk: jest.fn(async (params: { operations: unknown[] }) => {
      calls.push({ method: 'bulk', params });
      return overrides.bulk ? overrides.bulk(params) : { errors: false, items: params.operations.filter((_, i) => i % 2 === 0) };
    }),
  };
  return { client: client as unknown as Client, calls };
}

const policy = () => new StorePolicy('elasticsearch', isTransientElasticError, { maxAttempts: 2, initialBackoffMs: 1, maxBackoffMs: 1 });

describe('ElasticProjection', () => {
  it('creates generation 1 of both indexes behind their aliases when nothing holds the names, with their explicit mappings', async () => {
    const missing = fakeClient();
    await new ElasticProjection(missing.client, policy(), 'works_x').ensureSchema();
    expect(missing.calls.map((c) => c.method)).toEqual(['get', 'create', 'create']);
    expect(missing.calls[0]?.params).toMatchObject({ index: ['works_x', 'works_x_v*', 'works_x_suggestions', 'works_x_suggestions_v*'], ignore_unavailable: true, allow_no_indices: true });
    expect(missing.calls[1]?.params).toMatchObject({ index: 'works_x_v1', aliases: { works_x: {} }, mappings: WORK_INDEX_MAPPINGS, settings: { number_of_shards: 1 } });
    expect(missing.calls[2]?.params).toMatchObject({ index: 'works_x_suggestions_v1', aliases: { works_x_suggestions: {} }, mappings: SUGGESTION_INDEX_MAPPINGS, settings: { number_of_shards: 1 } });
  });

  it('numbers a new generation past a leftover, and only adds missing fields to the indexes already served (alias or legacy)', async () => {
    const leftover = fakeClient({ listing: () => ({ works_v4: { aliases: {} } }) });
    await new ElasticProjection(leftover.client, policy(), 'works').ensureSchema();
    expect(leftover.calls.filter((c) => c.method === 'create').map((c) => (c.params as { index: string }).index)).toEqual(['works_v5', 'works_suggestions_v5']);

    const present = fakeClient({ listing: () => ({ works: { aliases: {} }, works_suggestions_v2: { aliases: { works_suggestions: {} } } }) });
    await new ElasticProjection(present.client, policy(), 'works').ensureSchema();
    expect(present.calls.map((c) => c.method)).toEqual(['get', 'putMapping', 'putMapping']);
    expect(present.calls[1]?.params).toEqual({ index: 'works', properties: WORK_INDEX_MAPPINGS.properties });
    expect(present.calls[2]?.params).toEqual({ index: 'works_suggestions', properties: SUGGESTION_INDEX_MAPPINGS.properties });
  });

  it('rebuilds into a new generation: leftovers deleted, loaded without refresh or replicas, settings restored, both aliases swapped in one call, the old generation deleted', async () => {
    let listing: Listing = {
      works_v2: { aliases: { works: {} } },
      works_suggestions_v2: { aliases: { works_suggestions: {} } },
      works_v3: { aliases: {} },
    };
    const { client, calls } = fakeClient({ listing: () => listing });
    const rebuild = await new ElasticProjection(client, policy(), 'works', undefined, { retireAfterMs: 1 }).startRebuild();
    expect(rebuild.separate).toBe(true);
    expect(calls.map((c) => c.method)).toEqual(['get', 'delete', 'create', 'create']);
    expect(calls[1]?.params).toMatchObject({ index: ['works_v3'] });
    expect(calls[2]?.params).toMatchObject({ index: 'works_v4', mappings: WORK_INDEX_MAPPINGS, settings: { number_of_shards: 1, number_of_replicas: 0, refresh_interval: '-1' } });
    expect(calls[2]?.params).not.toHaveProperty('aliases');
    expect(calls[3]?.params).toMatchObject({ index: 'works_suggestions_v4', mappings: SUGGESTION_INDEX_MAPPINGS, settings: { refresh_interval: '-1' } });

    // The rebuild writes the new generation, without waiting for a refresh (none happens until publish).
    await rebuild.target.apply({ ...batch([work('W1', 'a')]), topics: [{ id: 'T1', displayName: 'Topic', subfield: 'Sub', field: 'Field', domain: 'Domain' }] });
    await rebuild.target.remove(['W9']);
    const [bulk, bulkDelete] = calls.slice(4) as { params: { operations: { index?: { _index: string }; delete?: { _index: string } }[]; refresh: unknown } }[];
    expect(bulk?.params.refresh).toBe(false);
    expect(bulk?.params.operations[0]).toEqual({ index: { _index: 'works_v4', _id: 'W1' } });
    expect(bulk?.params.operations.some((op) => op.index?._index === 'works_suggestions_v4')).toBe(true);
    expect(bulkDelete?.params).toMatchObject({ operations: [{ delete: { _index: 'works_v4', _id: 'W9' } }], refresh: false });

    listing = { ...listing, works_v4: { aliases: {} }, works_suggestions_v4: { aliases: {} } };
    delete listing['works_v3'];
    calls.length = 0;
    await rebuild.publish();
    expect(calls.map((c) => c.method)).toEqual(['putSettings', 'putSettings', 'refresh', 'get', 'updateAliases', 'delete']);
    expect(calls[0]?.params).toEqual({ index: 'works_v4', settings: { index: { refresh_interval: null, number_of_replicas: 0 } } });
    expect(calls[1]?.params).toMatchObject({ index: 'works_suggestions_v4' });
    expect(calls[2]?.params).toEqual({ index: ['works_v4', 'works_suggestions_v4'] });
    expect(calls[4]?.params).toEqual({
      actions: [
        { remove: { index: 'works_v2', alias: 'works' } },
        { add: { index: 'works_v4', alias: 'works' } },
        { remove: { index: 'works_suggestions_v2', alias: 'works_suggestions' } },
        { add: { index: 'works_suggestions_v4', alias: 'works_suggestions' } },
      ],
    });
    expect(calls[5]?.params).toMatchObject({ index: ['works_v2', 'works_suggestions_v2'] });
  });

  it('replaces legacy concrete indexes by aliases in the swap itself, with nothing left to delete after it', async () => {
    let listing: Listing = { works: { aliases: {} }, works_suggestions: { aliases: {} } };
    const { client, calls } = fakeClient({ listing: () => listing });
    const rebuild = await new ElasticProjection(client, policy(), 'works').startRebuild();
    expect(calls.map((c) => c.method)).toEqual(['get', 'create', 'create']);
    expect(calls.filter((c) => c.method === 'create').map((c) => (c.params as { index: string }).index)).toEqual(['works_v1', 'works_suggestions_v1']);
    listing = { ...listing, works_v1: { aliases: {} }, works_suggestions_v1: { aliases: {} } };
    calls.length = 0;
    await rebuild.publish();
    expect(calls.map((c) => c.method)).toEqual(['putSettings', 'putSettings', 'refresh', 'get', 'updateAliases']);
    expect(calls[4]?.params).toEqual({
      actions: [
        { remove_index: { index: 'works' } },
        { add: { index: 'works_v1', alias: 'works' } },
        { remove_index: { index: 'works_suggestions' } },
        { add: { index: 'works_suggestions_v1', alias: 'works_suggestions' } },
      ],
    });
  });

  it('treats losing the creation race (resource_already_exists_exception) as success, and other refusals as errors', async () => {
    const conflict = (type: string, statusCode: number) => () =>
      Promise.reject(new errors.ResponseError({ statusCode, body: { error: { type } }, warnings: null, meta: {} as never }));
    await expect(new ElasticProjection(fakeClient({ create: conflict('resource_already_exists_exception', 400) }).client, policy(), 'w').ensureSchema()).resolves.toBeUndefined();
    await expect(new ElasticProjection(fakeClient({ create: conflict('illegal_argument_exception', 400) }).client, policy(), 'w').ensureSchema()).rejects.toThrow(
      errors.ResponseError,
    );
  });

  it('bulk-indexes each work once under its id (the last version in the batch wins), nothing for a batch without works', async () => {
    const { client, calls } = fakeClient();
    const projection = new ElasticProjection(client, policy(), 'works');
    await projection.apply(batch([work('W1', 'old'), work('W2', 'two'), work('W1', 'new')]));
    await projection.apply(emptyBatch());
    expect(calls.map((c) => c.method)).toEqual(['bulk']);
    const { operations } = calls[0]?.params as { operations: unknown[] };
    expect(calls[0]?.params).toMatchObject({ refresh: 'wait_for' });
    expect(operations).toEqual([{ index: { _index: 'works', _id: 'W1' } }, toWorkDocument(work('W1', 'new'), workDocumentLookups(emptyBatch())), { index: { _index: 'works', _id: 'W2' } }, toWorkDocument(work('W2', 'two'), workDocumentLookups(emptyBatch()))]);
  });

  it('waits for a refresh on a live apply only; a bulk load refreshes both indexes once, at completeBulk', async () => {
    const { client, calls } = fakeClient();
    const projection = new ElasticProjection(client, policy(), 'works');
    await projection.apply(batch([work('W1', 'one')]));
    await projection.apply(batch([work('W2', 'two')]), 'bulk');
    await projection.apply(batch([work('W3', 'three')]), 'bulk');
    await projection.completeBulk();
    expect(calls.map((c) => [c.method, (c.params as { refresh?: unknown; index?: unknown }).refresh ?? (c.params as { index?: unknown }).index])).toEqual([
      ['bulk', 'wait_for'],
      ['bulk', false],
      ['bulk', false],
      ['refresh', ['works', 'works_suggestions']],
    ]);
  });

  it('writes entity rows as they are (no stored document read) into the suggestion index of the rebuild, one document each, without waiting for a refresh', async () => {
    const { client, calls } = fakeClient({ listing: () => ({}) });
    const rebuild = await new ElasticProjection(client, policy(), 'works').startRebuild();
    calls.length = 0;
    await rebuild.target.applyEntityRows?.({
      authors: [{ id: 'A1', displayName: 'Ada LOVELACE', orcid: null, worksCount: null, citedByCount: 5, hIndex: null, institutionIds: [], complete: false }],
      institutions: [{ id: 'I1', displayName: 'Inst Of X', ror: null, countryCode: 'SA', type: null }],
      sources: [{ id: 'S1', displayName: 'Journal', issnL: null, issns: [], type: 'journal', hostOrganizationName: null }],
      topics: [{ id: 'T1', displayName: 'Topic', subfield: null, field: null, domain: null }],
    });
    await rebuild.target.applyEntityRows?.({ authors: [], institutions: [], sources: [], topics: [] });
    expect(calls.map((c) => c.method)).toEqual(['bulk']);
    const put = (id: string) => ({ index: { _index: 'works_suggestions_v1', _id: id } });
    expect(calls[0]?.params).toEqual({
      refresh: false,
      operations: [
        put('T1'),
        { kind: 'topic', id: 'T1', name: 'Topic', name_sort: 'topic', popularity: 0, name_counted: true },
        put('I1'),
        { kind: 'institution', id: 'I1', name: 'Inst Of X', name_sort: 'inst of x', popularity: 0, name_counted: true },
        put('S1'),
        { kind: 'source', id: 'S1', name: 'Journal', name_sort: 'journal', popularity: 0, name_counted: true },
        put('A1'),
        { kind: 'author', id: 'A1', name: 'Ada LOVELACE', name_sort: 'ada lovelace', popularity: 5, name_counted: false },
      ],
    });
  });

  it('maps a work to the fields search, filters, facets and autocomplete read (distinct author and topic ids)', () => {
    const titled = work('W1', 'Title Ü');
    const withInstitution = { ...titled, authorships: titled.authorships.map((a, i) => (i === 0 ? { ...a, institutionIds: ['I1', 'I9'] } : a)) };
    expect(toWorkDocument(withInstitution, lookups)).toEqual({
      id: 'W1',
      title: 'Title Ü',
      abstract: 'An abstract.',
      publication_year: 2020,
      publication_date: '2020-01-02',
      // Only A–Z folded: the same key on every store, whatever its locale.
      title_sort: 'title Ü',
      type: 'article',
      is_open_access: true,
      cited_by_count: 7,
      doi: '10.1/w1',
      author_ids: ['A1', 'A2'],
      topic_ids: ['T1', 'T2'],
      language: 'en',
      source_id: 'S1',
      institution_ids: ['I1', 'I9'],
      // I9 is not in the batch: no country known.
      country_codes: ['SA'],
      // T2 is not in the batch: no hierarchy known.
      topic_fields: ['Field'],
      topic_subfields: ['Sub'],
      topic_domains: ['Domain'],
      has_abstract: true,
      referenced_work_ids: ['W99'],
    });
    expect(toWorkDocument({ ...titled, abstract: '' }, lookups).has_abstract).toBe(false);
    expect(Object.keys(toWorkDocument(work('W1', 'T'), lookups)).sort()).toEqual(Object.keys(WORK_INDEX_MAPPINGS.properties ?? {}).sort());
  });

  it('indexes no author id for a byline name OpenAlex could not attach to an author', () => {
    const base = work('W1', 'Title');
    const unattached = { position: 4, authorPosition: 'last', authorId: null, rawAuthorName: 'Li, Jian', institutionIds: [] };
    expect(toWorkDocument({ ...base, authorships: [unattached, ...base.authorships] }, lookups).author_ids).toEqual(['A1', 'A2']);
    expect(toWorkDocument({ ...base, authorships: [unattached] }, lookups).author_ids).toEqual([]);
  });

  it('throws the first refused document of a bulk response, and retries a bulk refused for a full queue', async () => {
    const refused = (status: number, type: string) => async () => ({
      errors: true,
      items: [{ index: { _id: 'W1', status: 201 } }, { index: { _id: 'W2', status, error: { type, reason: 'field [publication_year]' } } }],
    });
    const bad = fakeClient({ bulk: refused(400, 'document_parsing_exception') });
    const err = await new ElasticProjection(bad.client, policy(), 'works').apply(batch([work('W1', 'a'), work('W2', 'b')])).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ElasticBulkError);
    expect((err as Error).message).toBe('elasticsearch refused 1 document(s); first (W2): document_parsing_exception: field [publication_year]');
    expect(bad.calls.filter((c) => c.method === 'bulk')).toHaveLength(1);

    let attempts = 0;
    const busy = fakeClient({
      bulk: async (p) => (++attempts === 1 ? refused(429, 'es_rejected_execution_exception')() : { errors: false, items: p.operations.filter((_, i) => i % 2 === 0) }),
    });
    await new ElasticProjection(busy.client, policy(), 'works').apply(batch([work('W1', 'a'), work('W2', 'b')]));
    expect(attempts).toBe(2);
  });
});
