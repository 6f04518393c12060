import neo4j, { type Driver } from 'neo4j-driver';
import { openNeo4j, type Neo4jStores } from '../../datasources/neo4j/openNeo4j';
import { createLogger } from '../../src/core/logger';
import { generatedCorpusBatches } from '../support/generatedCorpusBatches';
import { boundedWalkContract, WALK_CORPUS, walkCorpus } from '../contract/boundedWalkContract';
import { neo4jAuth, storeEndpoints } from '../support/storeEndpoints';
import { describeStore } from './support/describeStore';
import { acquireStoreLock } from './support/exclusiveStore';
import { throwawayCatalog } from './support/throwawayCatalog';

describeStore('postgres', 'PostgresCitationGraph on real PostgreSQL (generated hub-heavy corpus)', () => {
  const catalog = throwawayCatalog({
    seed: async (stores) => {
      for (const batch of await generatedCorpusBatches(walkCorpus(), 200)) await stores.catalogWriter.upsert(batch);
    },
    timeoutMs: 120_000,
  });

  it('runs on the PostgreSQL server', () => {
    expect(catalog().sql.backend).toBe('postgresql');
  });

  boundedWalkContract('PostgreSQL', () => catalog().citationGraph);
});

describeStore('neo4j', 'Neo4jCitationGraph on real Neo4j (generated hub-heavy corpus)', () => {
  let neo: Neo4jStores;
  // A second driver for the test's own clearing and counting, never through the code under test.
  let admin: Driver;
  let release: (() => void) | undefined;

  beforeAll(async () => {
    release = await acquireStoreLock('neo4j');
    admin = neo4j.driver(storeEndpoints.neo4j, neo4j.auth.basic(neo4jAuth.user, neo4jAuth.password));
    // Only the model's labels: other tests (the smoke test) may be using the same server concurrently.
    await admin.executeQuery('MATCH (n) WHERE n:Work OR n:Author DETACH DELETE n');
    neo = openNeo4j({ url: storeEndpoints.neo4j, ...neo4jAuth }, createLogger('silent'));
    await neo.projection.ensureSchema();
    for (const batch of await generatedCorpusBatches(walkCorpus(), 200)) await neo.projection.apply(batch);
  }, 300_000);
  afterAll(async () => {
    await admin?.executeQuery('MATCH (n) WHERE n:Work OR n:Author DETACH DELETE n');
    await neo?.close();
    await admin?.close();
    release?.();
  });

  it('holds the whole generated corpus as loaded works', async () => {
    const loaded = await admin.executeQuery('MATCH (w:Work) WHERE w.loaded RETURN count(w) AS n');
    expect(Number(loaded.records[0]?.get('n'))).toBe(WALK_CORPUS.works);
  });

  boundedWalkContract('Neo4j', () => neo.graph);
});
