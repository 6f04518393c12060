import type { AuthorWrite, CatalogBatch, WorkWrite } from '../../../../datasources/writes/catalogWrite';
import { isTransientNeo4jError } from '../../../../datasources/neo4j/isTransientNeo4jError';
import { APPLY_CYPHER, Neo4jProjection, SCHEMA_CYPHER } from '../../../../datasources/neo4j/Neo4jProjection';
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
