import neo4j, { type Driver } from 'neo4j-driver';
import { type CatalogBatch } from '../../datasources/writes/catalogWrite';
import { isTransientNeo4jError } from '../../datasources/neo4j/isTransientNeo4jError';
import { Neo4jCitationGraph } from '../../datasources/neo4j/Neo4jCitationGraph';
import { openNeo4j, type Neo4jStores } from '../../datasources/neo4j/openNeo4j';
import { StorePolicy } from '../../datasources/shared/StorePolicy';
import { createLogger } from '../../src/core/logger';
import { citationGraphContract } from '../contract/citationGraphContract';
import { sampleGroundTruth } from '../support/sampleGroundTruth';
import { neo4jAuth, storeEndpoints } from '../support/storeEndpoints';
import { describeStore } from './support/describeStore';
import { acquireStoreLock } from './support/exclusiveStore';
import { throwawayCatalog } from './support/throwawayCatalog';
import { sampleBatches } from '../support/sampleBatches';

describeStore('postgres', 'PostgresCitationGraph on real PostgreSQL', () => {
  const catalog = throwawayCatalog();

  it('runs on the PostgreSQL server', () => {
    expect(catalog().sql.backend).toBe('postgresql');
    expect(catalog().citationGraph.backend).toBe('postgresql');
  });

  citationGraphContract('PostgreSQL', () => catalog().citationGraph);
});

describeStore('neo4j', 'Neo4jCitationGraph and Neo4jProjection on real Neo4j', () => {
  let neo: Neo4jStores;
  // A second driver for the test's own checks (clearing, counting), so they never go through the code under test.
  let admin: Driver;
  let release: (() => void) | undefined;

  /** Nodes and relationships of the citation graph (labels and types of the model only). */
  const graphCounts = async () => {
    const count = async (cypher: string) => Number((await admin.executeQuery(cypher)).records[0]?.get('n'));
    return {
      works: await count('MATCH (n:Work) RETURN count(n) AS n'),
      stubs: await count('MATCH (n:Work) WHERE n.loaded IS NULL RETURN count(n) AS n'),
      authors: await count('MATCH (n:Author) RETURN count(n) AS n'),
      cites: await count('MATCH ()-[r:CITES]->() RETURN count(r) AS n'),
      authored: await count('MATCH ()-[r:AUTHORED]->() RETURN count(r) AS n'),
    };
  };

  beforeAll(async () => {
    release = await acquireStoreLock('neo4j');
    admin = neo4j.driver(storeEndpoints.neo4j, neo4j.auth.basic(neo4jAuth.user, neo4jAuth.password));
    // Only the model's labels: other tests (the smoke test) may be using the same server concurrently.
    await admin.executeQuery('MATCH (n) WHERE n:Work OR n:Author DETACH DELETE n');
    neo = openNeo4j({ url: storeEndpoints.neo4j, ...neo4jAuth }, createLogger('silent'));
    await neo.projection.ensureSchema();
    await neo.projection.ensureSchema();
    for (const batch of await sampleBatches(50)) await neo.projection.apply(batch);
  });
  afterAll(async () => {
    await neo?.close();
    await admin?.close();
    release?.();
  });

  it('has the uniqueness constraints and the whole sample as a graph', async () => {
    expect(neo.graph.backend).toBe('neo4j');
    expect(neo.projection.store).toBe('neo4j');
    const { records } = await admin.executeQuery('SHOW CONSTRAINTS YIELD labelsOrTypes, properties, type RETURN labelsOrTypes, properties, type');
    const constraints = records.map((r) => `${String(r.get('labelsOrTypes'))}.${String(r.get('properties'))}:${String(r.get('type'))}`).sort();
    expect(constraints).toEqual(['Author.id:UNIQUENESS', 'Work.id:UNIQUENESS']);
    const { works } = sampleGroundTruth();
    const loaded = await admin.executeQuery('MATCH (w:Work) WHERE w.loaded RETURN count(w) AS n');
    expect(Number(loaded.records[0]?.get('n'))).toBe(works.size);
    const counts = await graphCounts();
    const referenced = new Set([...works.values()].flatMap((w) => w.referencedWorkIds));
    expect(counts.stubs).toBe([...referenced].filter((id) => !works.has(id)).length);
    expect(counts.cites).toBe([...works.values()].reduce((n, w) => n + new Set(w.referencedWorkIds).size, 0));
    // One AUTHORED edge per byline entry naming an author; a name OpenAlex could not attach to one has none.
    expect(counts.authored).toBe([...works.values()].reduce((n, w) => n + w.authorships.filter((a) => a.authorId !== null).length, 0));
    expect(counts.authored).toBeLessThan([...works.values()].reduce((n, w) => n + w.authorships.length, 0));
  });

  citationGraphContract('Neo4j', () => neo.graph);

  // A citedBy page walking the works' citedByCount index (CitedByProbe), forced for every work: the sample has no hub
  // that needs it. Walks long enough settle every page; walks of three works mostly fall back to reading the citers.
  const forcedProbe = (maxWalk: number) => () =>
    new Neo4jCitationGraph(admin, new StorePolicy('neo4j', isTransientNeo4jError), { citedByProbe: { citersSquaredPerWork: 0, margin: 1e6, maxWalk } });
  citationGraphContract('Neo4j, every citedBy page walking the citedByCount index', forcedProbe(1_000_000));
  citationGraphContract('Neo4j, every citedBy walk cut short at three works', forcedProbe(3));

  it('has the citedByCount index online', async () => {
    const { records } = await admin.executeQuery("SHOW INDEXES YIELD name, state, labelsOrTypes, properties WHERE name = 'work_cited_by_count' RETURN state, labelsOrTypes, properties");
    expect(records.map((r) => [r.get('state'), r.get('labelsOrTypes'), r.get('properties')])).toEqual([['ONLINE', ['Work'], ['citedByCount']]]);
  });

  it('leaves node and relationship counts unchanged when the whole sample is applied again', async () => {
    const before = await graphCounts();
    for (const batch of await sampleBatches(80)) await neo.projection.apply(batch);
    expect(await graphCounts()).toEqual(before);
  });

  it('replaces a reloaded work’s references and bylines (no stale edge), and a later full reload restores it', async () => {
    const truth = sampleGroundTruth();
    const batches = await sampleBatches(1);
    const original = batches.find((b) => b.works[0] !== undefined && b.works[0].referencedWorkIds.filter((id) => truth.works.has(id)).length >= 3) as CatalogBatch;
    const work = original.works[0] as CatalogBatch['works'][number];
    const before = await graphCounts();
    const [citedBefore] = await neo.graph.countCitedBy([work.id]);

    const keptRef = work.referencedWorkIds.find((id) => truth.works.has(id)) as string;
    const changed: CatalogBatch = {
      ...original,
      works: [{ ...work, referencedWorkIds: [keptRef, 'W9999999999'], authorships: work.authorships.slice(0, 1) }],
    };
    await neo.projection.apply(changed);
    expect(await neo.graph.countReferences([work.id])).toEqual([1]);
    expect((await neo.graph.references([work.id], { sort: [], first: 10 }))[0]?.edges.map((e) => e.node)).toEqual([keptRef]);
    expect(await neo.graph.countCitedBy([work.id])).toEqual([citedBefore]);
    const stubs = await admin.executeQuery('MATCH (s:Work {id: $id}) WHERE s.loaded IS NULL RETURN count(s) AS n', { id: 'W9999999999' });
    expect(Number(stubs.records[0]?.get('n'))).toBe(1);
    const byline = await admin.executeQuery('MATCH (:Author)-[r:AUTHORED]->(:Work {id: $id}) RETURN count(r) AS n', { id: work.id });
    expect(Number(byline.records[0]?.get('n'))).toBe(work.authorships.slice(0, 1).filter((a) => a.authorId !== null).length);

    for (const batch of await sampleBatches(50)) await neo.projection.apply(batch);
    expect(await graphCounts()).toEqual(before);
    expect(await neo.graph.countReferences([work.id])).toEqual([work.referencedWorkIds.filter((id) => truth.works.has(id)).length]);
  });

  it('keeps a complete author’s name when a byline spells it differently', async () => {
    const authorId = [...sampleGroundTruth().authors.keys()][0] as string;
    const name = async () =>
      (await admin.executeQuery('MATCH (a:Author {id: $id}) RETURN a.displayName AS name', { id: authorId })).records[0]?.get('name') as string;
    const complete = await name();
    expect(complete).toBe(sampleGroundTruth().authors.get(authorId)?.displayName);
    const byline = { id: authorId, displayName: 'X. Byline', orcid: null, worksCount: null, citedByCount: null, hIndex: null, institutionIds: [], complete: false };
    await neo.projection.apply({ works: [], authors: [byline], institutions: [], sources: [], topics: [] });
    expect(await name()).toBe(complete);
  });
});
