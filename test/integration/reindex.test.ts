import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client as ElasticClient } from '@elastic/elasticsearch';
import neo4j from 'neo4j-driver';
import { namedAuthorIds, sampleGroundTruth } from '../support/sampleGroundTruth';
import { neo4jAuth, storeEndpoints } from '../support/storeEndpoints';
import { testToken } from '../support/testTokens';
import { ALL_STORES, describeStore } from './support/describeStore';
import { deleteIndexFamily, indexFamily } from './support/elasticIndexFamily';
import { type PolyglotGateway, startPolyglotGateway } from './support/polyglotGateway';

const run = promisify(execFile);
const ROOT = path.join(__dirname, '..', '..');

/**
 * `npm run reindex` (the CLI itself, in a child process) rebuilds projections that were wiped (reindexAlias.test.ts
 * covers rebuilding Elasticsearch while it serves): afterwards the
 * Elasticsearch index and the Neo4j graph hold every work of the catalog — the sample and an article created
 * through the API — and the API answers as the sample's JSON says. Neo4j and InfluxDB are marked while they are
 * rebuilt in place (reindexInPlace.test.ts checks what readers answer meanwhile), and the marks are gone at the end.
 */
describeStore(ALL_STORES, 'npm run reindex on the real stores', () => {
  let poly: PolyglotGateway | undefined;
  const truth = sampleGroundTruth();
  const works = [...truth.works.values()];

  beforeAll(async () => {
    poly = await startPolyglotGateway('reindex');
  });

  afterAll(async () => {
    await poly?.stop();
  });

  it('rebuilds wiped projections from PostgreSQL', async () => {
    const { gateway, env, index } = poly as PolyglotGateway;
    const created = await gateway.gql<{ createArticle: { work: { id: string } } }>(
      'mutation($input: CreateArticleInput!) { createArticle(input: $input, waitForSync: true) { work { id } } }',
      { input: { title: 'Reindexed article', publicationDate: '2025-06-01', authorIds: [[...truth.authors.keys()][0]], referencedWorkIds: [works[0]?.id] } },
      { token: await testToken('editor') },
    );
    expect(created.errors).toBeUndefined();
    const total = truth.works.size + 1;

    // Wipe what the gateway projected.
    const es = new ElasticClient({ node: storeEndpoints.elasticsearch });
    const driver = neo4j.driver(storeEndpoints.neo4j, neo4j.auth.basic(neo4jAuth.user, neo4jAuth.password));
    const suggestions = `${index}_suggestions`;
    try {
      // The entity suggestions the seed indexed (authors, topics, institutions, sources), by kind.
      const suggestionKinds = async () => {
        await es.indices.refresh({ index: suggestions });
        const res = await es.search({ index: suggestions, size: 0, aggs: { kinds: { terms: { field: 'kind', size: 10 } } } });
        const buckets = (res.aggregations?.['kinds'] as { buckets: { key: string; doc_count: number }[] }).buckets;
        return Object.fromEntries(buckets.map((b) => [b.key, b.doc_count]));
      };
      const seeded = await suggestionKinds();
      expect(Object.keys(seeded).sort()).toEqual(['author', 'institution', 'source', 'topic']);
      // The gateway made generation 1 behind the aliases; wiping deletes the concrete indices (and with them the aliases).
      expect(await indexFamily(es, index)).toEqual([`${index}_v1`, `${suggestions}_v1`].sort());
      await deleteIndexFamily(es, index);
      await driver.executeQuery('MATCH (n) WHERE n:Work OR n:Author DETACH DELETE n');

      // The rebuild marks the CLI writes while it runs (each held at least its 1.1 s settle delay), sampled.
      const marked = new Set<string>();
      let cliDone = false;
      const sampling = (async () => {
        while (!cliDone) {
          for (const row of await gateway.sql.query<{ store: string }>('SELECT store FROM projection_rebuilds')) marked.add(row.store);
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      })();
      const { stdout } = await run(path.join(ROOT, 'scripts', 'with-node'), [path.join(ROOT, 'node_modules', '.bin', 'tsx'), 'src/cli/reindex.ts'], {
        cwd: ROOT,
        env: { ...process.env, ...env, LOG_LEVEL: 'warn' },
        timeout: 240_000,
      }).finally(() => (cliDone = true));
      await sampling;
      // Neo4j and InfluxDB were marked while they were rebuilt in place, Elasticsearch (rebuilt beside itself) never; none is left.
      expect([...marked].sort()).toEqual(['influxdb', 'neo4j']);
      expect(await gateway.sql.query('SELECT store FROM projection_rebuilds')).toEqual([]);
      for (const store of ['neo4j', 'influxdb', 'elasticsearch']) expect(stdout).toMatch(new RegExp(`^${store}\\s+${total} works`, 'm'));

      // The CLI's start found nothing and made generation 1; its rebuild wrote generation 2 and swapped the aliases to it.
      expect(await indexFamily(es, index)).toEqual([`${index}_v2`, `${suggestions}_v2`].sort());
      await es.indices.refresh({ index });
      expect((await es.count({ index })).count).toBe(total);
      // Every suggestion the seed indexed comes back from the catalog's entity tables, not only those the works name
      // (the sample's snapshot institutions and sources no work names: reindexSuggestions.test.ts checks them by id).
      expect(await suggestionKinds()).toEqual(seeded);
      expect(stdout).toMatch(new RegExp(`^elasticsearch\\s+${total} works, ${Object.values(seeded).reduce((a, b) => a + b, 0)} entities`, 'm'));
      const { records } = await driver.executeQuery('MATCH (w:Work) WHERE w.loaded RETURN count(w) AS n');
      expect(Number(records[0]?.get('n'))).toBe(total);

      // A byline name OpenAlex could not attach to an author gets no AUTHORED edge and no indexed author id;
      // the authors the byline names keep theirs, at their positions.
      const withUnattached = works.filter((w) => w.authorships.some((a) => a.authorId === null));
      expect(withUnattached.length).toBeGreaterThan(0);
      for (const w of withUnattached) {
        const edges = await driver.executeQuery('MATCH (a:Author)-[r:AUTHORED]->(:Work {id: $id}) RETURN a.id AS author, r.position AS position ORDER BY position', { id: w.id });
        expect({ id: w.id, edges: edges.records.map((r) => [Number(r.get('position')), r.get('author') as string]) }).toEqual({
          id: w.id,
          edges: w.authorships.flatMap((a) => (a.authorId === null ? [] : [[a.position, a.authorId]])),
        });
        const doc = await es.get<{ author_ids: string[] }>({ index, id: w.id });
        expect({ id: w.id, authorIds: doc._source?.author_ids }).toEqual({ id: w.id, authorIds: namedAuthorIds(w) });
      }
    } finally {
      await es.close();
      await driver.close();
    }

    // The graph is the catalog's again: citers of the most cited sample work, plus the new article.
    const citers = (id: string) => works.filter((w) => w.referencedWorkIds.includes(id)).map((w) => w.id);
    const target = works[0]?.id as string;
    const res = await gateway.gql<{ work: { citedBy: { nodes: { id: string }[] } } }>('query($id: ID!) { work(id: $id) { citedBy(first: 200) { nodes { id } } } }', { id: target });
    expect(res.data?.work.citedBy.nodes.map((n) => n.id).sort()).toEqual([...citers(target), created.data?.createArticle.work.id].sort());
  });
});
