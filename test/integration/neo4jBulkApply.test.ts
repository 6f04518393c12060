import neo4j, { type Driver } from 'neo4j-driver';
import type { CatalogBatch, WorkWrite } from '../../datasources/writes/catalogWrite';
import { Neo4jProjection } from '../../datasources/neo4j/Neo4jProjection';
import { isTransientNeo4jError } from '../../datasources/neo4j/isTransientNeo4jError';
import { StorePolicy } from '../../datasources/shared/StorePolicy';
import type { ApplyMode } from '../../datasources/writes/Projection';
import { sampleBatches } from '../support/sampleBatches';
import { sampleGroundTruth } from '../support/sampleGroundTruth';
import { neo4jAuth, storeEndpoints } from '../support/storeEndpoints';
import { describeStore } from './support/describeStore';
import { acquireStoreLock } from './support/exclusiveStore';

/** Every node and relationship of the model with every property, one sorted line each, read by the test's own driver. */
async function readGraph(admin: Driver) {
  const lines = async (cypher: string) => (await admin.executeQuery(cypher)).records.map((r) => String(r.get('line'))).sort();
  return {
    works: await lines(
      "MATCH (w:Work) RETURN w.id + '|' + coalesce(toString(w.loaded), '-') + '|' + coalesce(w.title, '-') + '|' + coalesce(w.publicationDate, '-') + '|' + coalesce(toString(w.citedByCount), '-') + '|' + toString(size(keys(w))) AS line",
    ),
    authors: await lines("MATCH (a:Author) RETURN a.id + '|' + coalesce(a.displayName, '-') + '|' + coalesce(toString(a.complete), '-') AS line"),
    cites: await lines("MATCH (a:Work)-[r:CITES]->(b:Work) RETURN a.id + '>' + b.id + '@' + toString(r.position) + '|' + toString(size(keys(r))) AS line"),
    authored: await lines("MATCH (a:Author)-[r:AUTHORED]->(w:Work) RETURN a.id + '>' + w.id + '@' + toString(r.position) + '|' + toString(size(keys(r))) AS line"),
    other: await lines('MATCH (n) WHERE n:Work OR n:Author MATCH (n)-[r]-() WHERE NOT type(r) IN ["CITES", "AUTHORED"] RETURN type(r) AS line'),
  };
}

describeStore('neo4j', 'Neo4jProjection bulk applies on real Neo4j leave the graph the live path leaves', () => {
  let admin: Driver;
  let release: (() => void) | undefined;

  const clear = () => admin.executeQuery('MATCH (n) WHERE n:Work OR n:Author DETACH DELETE n');

  beforeAll(async () => {
    release = await acquireStoreLock('neo4j');
    admin = neo4j.driver(storeEndpoints.neo4j, neo4j.auth.basic(neo4jAuth.user, neo4jAuth.password));
    await new Neo4jProjection(admin, new StorePolicy('neo4j', isTransientNeo4jError)).ensureSchema();
  });
  afterAll(async () => {
    await clear().catch(() => undefined);
    await admin?.close();
    release?.();
  });

  /**
   * The sample in batches of 7, then a reload of every batch (the bulk path now finds loaded works), a changed work (fewer
   * references, a reference to a work nowhere else, one author) and its original again, and a byline sighting of a
   * complete author — so the shortcuts (no old edges dropped for new works, stubs MERGEd once, batches folded into
   * transactions of 60 records, crossing batch boundaries) all meet a case where they would differ.
   */
  async function applySequence(mode: ApplyMode) {
    const projection = new Neo4jProjection(admin, new StorePolicy('neo4j', isTransientNeo4jError), { bulkTransactionRecords: 60 });
    const batches = await sampleBatches(7);
    const truth = sampleGroundTruth();
    const original = batches.flatMap((b) => b.works).find((w) => w.referencedWorkIds.filter((id) => truth.works.has(id)).length >= 3) as WorkWrite;
    const changed: WorkWrite = { ...original, referencedWorkIds: [original.referencedWorkIds[1] as string, 'W9999999999'], authorships: original.authorships.slice(0, 1) };
    const [authorId, complete] = [...truth.authors.entries()][0] as [string, { displayName: string }];
    const byline = { id: authorId, displayName: `${complete.displayName} (byline)`, orcid: null, worksCount: null, citedByCount: null, hIndex: null, institutionIds: [], complete: false };
    const only = (works: WorkWrite[], authors: CatalogBatch['authors'] = []): CatalogBatch => ({ works, authors, institutions: [], sources: [], topics: [] });
    const sequence = [...batches, ...batches, only([changed]), only([]), only([], [byline]), only([original]), only([changed])];
    await clear();
    for (const batch of sequence) await projection.apply(batch, mode);
    await projection.completeBulk();
    return { graph: await readGraph(admin), changed, truth };
  }

  it('writes exactly the nodes, properties and relationships of the live path', async () => {
    const live = await applySequence('live');
    const bulk = await applySequence('bulk');
    // Ground truth first, so that both paths cannot agree on a wrong graph: every sample work loaded, the changed one
    // with its two references, the stub it names, one edge per distinct reference of the others.
    const { works } = live.truth;
    expect(live.graph.works.filter((line) => line.split('|')[1] === 'true')).toHaveLength(works.size);
    expect(live.graph.cites.filter((line) => line.startsWith(`${live.changed.id}>`)).map((line) => line.split('|')[0])).toEqual(
      [`${live.changed.id}>${live.changed.referencedWorkIds[0]}@1`, `${live.changed.id}>W9999999999@2`].sort(),
    );
    const otherEdges = [...works.values()].filter((w) => w.id !== live.changed.id).reduce((n, w) => n + new Set(w.referencedWorkIds).size, 0);
    expect(live.graph.cites).toHaveLength(otherEdges + 2);
    expect(live.graph.other).toEqual([]);

    expect(bulk.graph.works).toEqual(live.graph.works);
    expect(bulk.graph.authors).toEqual(live.graph.authors);
    expect(bulk.graph.cites).toEqual(live.graph.cites);
    expect(bulk.graph.authored).toEqual(live.graph.authored);
    expect(bulk.graph.other).toEqual([]);
  });
});
