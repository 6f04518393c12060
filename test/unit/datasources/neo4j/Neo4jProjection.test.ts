import type { AuthorWrite, CatalogBatch, WorkWrite } from '../../../../datasources/writes/catalogWrite';
import { isTransientNeo4jError } from '../../../../datasources/neo4j/isTransientNeo4jError';
import { APPLY_CYPHER, BULK_CYPHER, Neo4jProjection, REMOVE_CYPHER, RESET_CHUNK, RESET_CHUNK_CYPHER, SCHEMA_CYPHER } from '../../../../datasources/neo4j/Neo4jProjection';
import { StorePolicy } from '../../../../datasources/shared/StorePolicy';
import { FakeNeo4j } from './fakeNeo4j';

const work = (id: string, refs: string[], authorIds: (string | null)[]): WorkWrite => ({
  id,
  doi: null,
  title: `title of ${id}`,
  abstract: null,
  publicationYear: 2020,
  publicationDate: '2020-01-02',
  type: 'article',
  language: 'en',
  citedByCount: 3,
  isOpenAccess: false,
  sourceId: null,
  primaryTopicId: null,
  referencedWorkIds: refs,
  relatedWorkIds: [],
  oaStatus: null,
  oaUrl: null,
  countsByYear: [],
  authorships: authorIds.map((authorId, i) => ({ position: i + 1, authorPosition: null, authorId, rawAuthorName: `Name ${i + 1}`, institutionIds: [] })),
  topics: [],
});

const author = (id: string, displayName: string, complete: boolean): AuthorWrite => ({
  id,
  displayName,
  orcid: null,
  worksCount: complete ? 1 : null,
  citedByCount: null,
  hIndex: null,
  institutionIds: [],
  complete,
});

const batch = (works: WorkWrite[], authors: AuthorWrite[]): CatalogBatch => ({ works, authors, institutions: [], sources: [], topics: [] });
const policy = () => new StorePolicy('neo4j', isTransientNeo4jError, { maxAttempts: 1 });

describe('Neo4jProjection (driver double)', () => {
  it('applies a batch as the six UNWIND statements of one write transaction', async () => {
    const fake = new FakeNeo4j();
    await new Neo4jProjection(fake.client, policy()).apply(batch([work('W1', ['W2', 'W3'], ['A1'])], [author('A1', 'Ada', false)]));
    expect(fake.calls.map((c) => c.via)).toEqual(Array(6).fill('executeWrite'));
    expect(fake.calls.map((c) => c.cypher)).toEqual([
      APPLY_CYPHER.works,
      APPLY_CYPHER.authors,
      APPLY_CYPHER.dropCites,
      APPLY_CYPHER.dropAuthored,
      APPLY_CYPHER.cites,
      APPLY_CYPHER.authored,
    ]);
    expect(fake.calls.every((c) => /^UNWIND \$\w+ AS \w+/.test(c.cypher))).toBe(true);
  });

  it('resolves duplicates as the catalog writer does: last work wins, complete author wins, first mention of a reference', async () => {
    const fake = new FakeNeo4j();
    await new Neo4jProjection(fake.client, policy()).apply(
      batch(
        [work('W1', ['W9'], []), work('W2', [], []), work('W1', ['W2', 'W3', 'W2'], ['A1', 'A2'])],
        [author('A1', 'byline name', false), author('A1', 'Full Name', true), author('A1', 'later byline', false), author('A2', 'first', false), author('A2', 'second', false)],
      ),
    );
    const params = (cypher: string) => fake.calls.find((c) => c.cypher === cypher)?.params ?? {};
    expect(params(APPLY_CYPHER.works)['works']).toEqual([
      { id: 'W1', title: 'title of W1', publicationDate: '2020-01-02', citedByCount: 3 },
      { id: 'W2', title: 'title of W2', publicationDate: '2020-01-02', citedByCount: 3 },
    ]);
    expect(params(APPLY_CYPHER.authors)['authors']).toEqual([
      { id: 'A1', displayName: 'Full Name', complete: true },
      { id: 'A2', displayName: 'first', complete: false },
    ]);
    expect(params(APPLY_CYPHER.dropCites)['workIds']).toEqual(['W1', 'W2']);
    expect(params(APPLY_CYPHER.cites)['cites']).toEqual([
      { citingId: 'W1', citedId: 'W2', position: 1 },
      { citingId: 'W1', citedId: 'W3', position: 2 },
    ]);
    expect(params(APPLY_CYPHER.authored)['authored']).toEqual([
      { workId: 'W1', authorId: 'A1', position: 1 },
      { workId: 'W1', authorId: 'A2', position: 2 },
    ]);
  });

  it('draws no AUTHORED edge for a byline name OpenAlex could not attach to an author, keeping the others’ positions', async () => {
    const fake = new FakeNeo4j();
    await new Neo4jProjection(fake.client, policy()).apply(batch([work('W1', [], [null, 'A1', null, 'A2'])], [author('A1', 'Ada', false), author('A2', 'Bo', false)]));
    const params = (cypher: string) => fake.calls.find((c) => c.cypher === cypher)?.params ?? {};
    expect(params(APPLY_CYPHER.authored)['authored']).toEqual([
      { workId: 'W1', authorId: 'A1', position: 2 },
      { workId: 'W1', authorId: 'A2', position: 4 },
    ]);
    expect(params(APPLY_CYPHER.authors)['authors']).toEqual([
      { id: 'A1', displayName: 'Ada', complete: false },
      { id: 'A2', displayName: 'Bo', complete: false },
    ]);
    // The old edges go whatever the new byline holds.
    expect(params(APPLY_CYPHER.dropAuthored)['workIds']).toEqual(['W1']);
  });

  it('does nothing for a batch without works or authors', async () => {
    const fake = new FakeNeo4j();
    await new Neo4jProjection(fake.client, policy()).apply(batch([], []));
    expect(fake.calls).toEqual([]);
  });

  it('creates its constraints idempotently, and closes the driver only when it owns it', async () => {
    const fake = new FakeNeo4j();
    const shared = new Neo4jProjection(fake.client, policy());
    await shared.ensureSchema();
    expect(fake.calls.map((c) => c.cypher)).toEqual([...SCHEMA_CYPHER]);
    expect(SCHEMA_CYPHER.every((s) => s.includes('IF NOT EXISTS'))).toBe(true);
    await shared.close();
    expect(fake.closed).toBe(0);
    await new Neo4jProjection(fake.client, policy(), { ownsDriver: true }).close();
    expect(fake.closed).toBe(1);
  });
});

describe('Neo4jProjection bulk applies (driver double)', () => {
  const params = (fake: FakeNeo4j, cypher: string) => fake.calls.filter((c) => c.cypher === cypher).map((c) => c.params);

  it('gathers bulk applies and writes them in one transaction at completeBulk, edges grouped by work', async () => {
    const fake = new FakeNeo4j();
    const projection = new Neo4jProjection(fake.client, policy());
    await projection.apply(batch([work('W1', ['W2', 'W3'], ['A1'])], [author('A1', 'Ada', false)]), 'bulk');
    await projection.apply(batch([work('W2', ['W3', 'W4', 'W3'], ['A1', null, 'A2'])], []), 'bulk');
    expect(fake.calls).toEqual([]);
    await projection.completeBulk();
    expect(fake.calls.map((c) => c.cypher)).toEqual([
      BULK_CYPHER.loadedBefore,
      APPLY_CYPHER.works,
      APPLY_CYPHER.authors,
      BULK_CYPHER.workStubs,
      BULK_CYPHER.authorStubs,
      BULK_CYPHER.cites,
      BULK_CYPHER.authored,
    ]);
    expect(fake.calls.every((c) => c.via === 'executeWrite')).toBe(true);
    expect(fake.sessions).toHaveLength(1);
    expect(params(fake, BULK_CYPHER.loadedBefore)).toEqual([{ workIds: ['W1', 'W2'] }]);
    // Stubs: each referenced work that is not loaded here once; each author an edge names that no record describes.
    expect(params(fake, BULK_CYPHER.workStubs)).toEqual([{ ids: ['W3', 'W4'] }]);
    expect(params(fake, BULK_CYPHER.authorStubs)).toEqual([{ ids: ['A2'] }]);
    expect(params(fake, BULK_CYPHER.cites)).toEqual([
      {
        works: [
          { id: 'W1', ids: ['W2', 'W3'], positions: [1, 2] },
          { id: 'W2', ids: ['W3', 'W4'], positions: [1, 2] },
        ],
      },
    ]);
    expect(params(fake, BULK_CYPHER.authored)).toEqual([
      {
        works: [
          { id: 'W1', ids: ['A1'], positions: [1] },
          { id: 'W2', ids: ['A1', 'A2'], positions: [1, 3] },
        ],
      },
    ]);
    await projection.completeBulk();
    expect(fake.sessions).toHaveLength(1); // nothing gathered any more: no transaction
  });

  it('drops old edges only for the works the graph already held as loaded', async () => {
    const fake = new FakeNeo4j((cypher) => (cypher === BULK_CYPHER.loadedBefore ? [{ id: 'W2' }] : []));
    const projection = new Neo4jProjection(fake.client, policy());
    await projection.apply(batch([work('W1', [], []), work('W2', ['W1'], [])], []), 'bulk');
    await projection.completeBulk();
    expect(params(fake, APPLY_CYPHER.dropCites)).toEqual([{ workIds: ['W2'] }]);
    expect(params(fake, APPLY_CYPHER.dropAuthored)).toEqual([{ workIds: ['W2'] }]);
    const order = fake.calls.map((c) => c.cypher);
    expect(order.indexOf(APPLY_CYPHER.dropCites)).toBeLessThan(order.indexOf(BULK_CYPHER.workStubs));
  });

  it('folds batches as applying them one after another would: a later work replaces, a byline renames an incomplete author only', async () => {
    const fake = new FakeNeo4j();
    const projection = new Neo4jProjection(fake.client, policy());
    await projection.apply(batch([work('W1', ['W8', 'W9'], ['A1', 'A3'])], [author('A1', 'first byline', false), author('A2', 'Full Name', true)]), 'bulk');
    await projection.apply(batch([work('W1', ['W9'], ['A1'])], [author('A1', 'second byline', false), author('A2', 'other byline', false)]), 'bulk');
    await projection.completeBulk();
    expect(params(fake, APPLY_CYPHER.works)).toEqual([{ works: [{ id: 'W1', title: 'title of W1', publicationDate: '2020-01-02', citedByCount: 3 }] }]);
    expect(params(fake, APPLY_CYPHER.authors)).toEqual([
      { authors: [{ id: 'A1', displayName: 'second byline', complete: false }, { id: 'A2', displayName: 'Full Name', complete: true }] },
    ]);
    // W8 only the replaced version cited: no stub. A3 only the replaced version named: its node stays, as on the live path.
    expect(params(fake, BULK_CYPHER.workStubs)).toEqual([{ ids: ['W9'] }]);
    expect(params(fake, BULK_CYPHER.authorStubs)).toEqual([{ ids: ['A3'] }]);
    expect(params(fake, BULK_CYPHER.cites)).toEqual([{ works: [{ id: 'W1', ids: ['W9'], positions: [1] }] }]);
  });

  it('writes a transaction once the gathered works and authors reach the limit, and before a live apply or a removal', async () => {
    const fake = new FakeNeo4j();
    const projection = new Neo4jProjection(fake.client, policy(), { bulkTransactionRecords: 3 });
    await projection.apply(batch([work('W1', [], [])], [author('A1', 'Ada', false)]), 'bulk');
    expect(fake.sessions).toHaveLength(0);
    await projection.apply(batch([work('W2', [], [])], []), 'bulk');
    expect(params(fake, BULK_CYPHER.loadedBefore)).toEqual([{ workIds: ['W1', 'W2'] }]);
    await projection.apply(batch([work('W3', [], [])], []), 'bulk');
    await projection.apply(batch([work('W4', [], [])], []));
    expect(params(fake, BULK_CYPHER.loadedBefore)).toEqual([{ workIds: ['W1', 'W2'] }, { workIds: ['W3'] }]);
    expect(params(fake, APPLY_CYPHER.dropCites).at(-1)).toEqual({ workIds: ['W4'] });
    await projection.apply(batch([work('W5', [], [])], []), 'bulk');
    await projection.remove(['W1']);
    expect(params(fake, BULK_CYPHER.loadedBefore).at(-1)).toEqual({ workIds: ['W5'] });
    expect(fake.calls.at(-1)?.cypher).toBe(REMOVE_CYPHER);
  });

  it('throws the failure of a transaction written in the background from the next bulk apply, and from completeBulk', async () => {
    const refuse = (cypher: string) => {
      if (cypher === BULK_CYPHER.cites) throw new Error('refused by the server');
      return [];
    };
    for (const next of ['apply', 'completeBulk'] as const) {
      const projection = new Neo4jProjection(new FakeNeo4j(refuse).client, policy(), { bulkTransactionRecords: 1 });
      await projection.apply(batch([work('W1', ['W2'], [])], []), 'bulk');
      const after = next === 'apply' ? projection.apply(batch([work('W3', [], [])], []), 'bulk') : projection.completeBulk();
      await expect(after).rejects.toThrow('refused by the server');
    }
  });

  it('forgets what it gathered when reset', async () => {
    const resets: string[] = [RESET_CHUNK_CYPHER.relationships, RESET_CHUNK_CYPHER.nodes];
    const fake = new FakeNeo4j((cypher) => (resets.includes(cypher) ? [{ deleted: 0 }] : []));
    const projection = new Neo4jProjection(fake.client, policy());
    await projection.apply(batch([work('W1', [], [])], []), 'bulk');
    await projection.reset();
    await projection.completeBulk();
    expect(fake.calls.map((c) => c.cypher)).toEqual(resets);
  });

  it('resets in bounded chunks: relationships until none is left, then nodes until none is left', async () => {
    const left: Record<string, number[]> = { [RESET_CHUNK_CYPHER.relationships]: [RESET_CHUNK, RESET_CHUNK, 7, 0], [RESET_CHUNK_CYPHER.nodes]: [RESET_CHUNK, 3, 0] };
    const fake = new FakeNeo4j((cypher) => {
      const answers = left[cypher];
      return answers ? [{ deleted: answers.shift() ?? 0 }] : [];
    });
    await new Neo4jProjection(fake.client, policy()).reset();
    expect(fake.calls.map((c) => c.cypher)).toEqual([...Array<string>(4).fill(RESET_CHUNK_CYPHER.relationships), ...Array<string>(3).fill(RESET_CHUNK_CYPHER.nodes)]);
  });
});
