import { projectRoot } from '../../src/core/projectRoot';
import { expectCleanStop, postGraphql } from '../support/compiledGatewayChecks';
import { buildDockerLayout, type DockerLayout } from '../support/dockerLayout';
import { type GatewayProcess, spawnGateway } from '../support/gatewayProcess';
import { sampleGroundTruth } from '../support/sampleGroundTruth';
import { ALL_STORES, describeStore } from './support/describeStore';
import { type PolyglotStores, preparePolyglotStores } from './support/polyglotGateway';

// tsc builds the gateway; the first start seeds the sample into all five stores.
jest.setTimeout(300_000);

const ROOT = projectRoot(__dirname);

interface Answer {
  data?: {
    gateway: { stores: { store: string; configured: boolean; backend: string }[] };
    work: { citedBy: { totalCount: number } | null; trend: { points: { period: number }[] } | null } | null;
    searchWorks: { totalCount: number } | null;
  };
  errors?: unknown[];
}

describeStore(ALL_STORES, 'the compiled gateway in the image layout', () => {
  let layout: DockerLayout;
  let stores: PolyglotStores;
  let gateway: GatewayProcess | undefined;

  beforeAll(async () => {
    layout = buildDockerLayout(ROOT);
    stores = await preparePolyglotStores('compiled');
  });

  afterAll(async () => {
    await gateway?.kill();
    await stores?.release();
    layout?.remove();
  });

  it('starts on the five real stores with the image environment, answers from each and stops on SIGTERM', async () => {
    gateway = await spawnGateway(process.execPath, layout.spec.cmd.slice(1), { cwd: layout.dir, env: { ...layout.spec.env, ...stores.env } });
    const truth = sampleGroundTruth();
    const works = [...truth.works.values()];
    const citers = (id: string) => works.filter((w) => w.referencedWorkIds.includes(id)).length;
    const mostCited = [...works].sort((a, b) => citers(b.id) - citers(a.id) || a.id.localeCompare(b.id))[0];
    if (!mostCited) throw new Error('the sample has no works');
    const title = works.find((w) => (w.title ?? '').split(' ').length >= 4)?.title as string;
    await stores.refreshSearch();
    const { status, body } = await postGraphql<Answer>(
      gateway,
      `query($id: ID!, $q: String!) {
        gateway { stores { store configured backend } }
        work(id: $id) { citedBy { totalCount } trend(from: 2015, to: 2024) { points { period } } }
        searchWorks(query: $q) { totalCount }
      }`,
      { id: mostCited.id, q: title },
    );
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data?.gateway.stores.map((s) => [s.store, s.configured, s.backend])).toEqual([
      ['POSTGRES', true, 'postgresql'],
      ['REDIS', true, 'redis'],
      ['NEO4J', true, 'neo4j'],
      ['INFLUXDB', true, 'influxdb'],
      ['ELASTICSEARCH', true, 'elasticsearch'],
    ]);
    expect(body.data?.work?.citedBy?.totalCount).toBe(citers(mostCited.id));
    expect(body.data?.work?.trend?.points).toHaveLength(10);
    expect(body.data?.searchWorks?.totalCount).toBeGreaterThanOrEqual(1);
    await expectCleanStop(gateway);
  });
});
