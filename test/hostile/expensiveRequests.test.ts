import type { TestGateway } from '../support/testGateway';
import { expectData, expectTypedError, postGraphql, rawRequest } from './support/hostileHttp';
import { startProductionGateway } from './support/productionGateway';

jest.setTimeout(180_000);

/** Issue 11, observation 1: eight 200-work × 200-year trend pages per operation, ten operations in one POST. */
const ALIASED_TRENDS = `{ ${Array.from({ length: 8 }, (_, i) => `a${i}: works(first: 200, sort: [TITLE_ASC]) { nodes { trend(from: 1800, to: 1999) { points { period works citations } } } }`).join(' ')} }`;
const ONE_TREND_PAGE = '{ works(first: 200, sort: [TITLE_ASC]) { nodes { trend(from: 1800, to: 1999) { points { period works citations } } } } }';

async function metric(gateway: TestGateway, name: string, labels: string): Promise<number> {
  const text = (await rawRequest(`${gateway.url.replace(/\/graphql$/, '')}/metrics`)).text;
  const match = new RegExp(`^${name}\\{${labels}\\} (\\S+)$`, 'm').exec(text);
  return Number(match?.[1] ?? NaN);
}

describe('expensive requests are bounded before they are built (NODE_ENV=production)', () => {
  let gateway: TestGateway;

  beforeAll(async () => {
    gateway = await startProductionGateway({ CACHE_MAX_BYTES: '16mb', RESPONSE_CACHE_MAX_AGE: '300' });
  });
  afterAll(() => gateway.stop());

  it('observation 1: the batch of ten aliased 200×200 trend pages is refused at once, each operation counted at what it really returns', async () => {
    const started = performance.now();
    const res = await postGraphql(gateway.url, Array.from({ length: 10 }, () => ({ query: ALIASED_TRENDS })));
    const answers = res.json as unknown[];
    expect(answers).toHaveLength(10);
    for (const answer of answers) {
      const error = expectTypedError({ ...res, json: answer }, { code: 'QUERY_TOO_COMPLEX' });
      // 8 pages × (1 + 200 works × (1 + (1 + 200 points))): the points are counted, not 10 per trend.
      expect(error.extensions).toMatchObject({ limit: 50_000, actual: 8 * (1 + 200 * (1 + (1 + 200))) });
    }
    expect(res.text.length).toBeLessThan(10_000);
    expect(performance.now() - started).toBeLessThan(15_000);
  });

  it('observation 1: one such page is allowed, and returns no more points than its estimate counted', async () => {
    const data = expectData<{ works: { nodes: { trend: { points: unknown[] } }[] } }>(await postGraphql(gateway.url, { query: ONE_TREND_PAGE }));
    expect(data.works.nodes).toHaveLength(200);
    for (const node of data.works.nodes) expect(node.trend.points).toHaveLength(200);
  });

  it('observation 1: a batch shares one cost limit: the operation that takes its total past it is refused', async () => {
    const res = await postGraphql(gateway.url, [{ query: ONE_TREND_PAGE }, { query: ONE_TREND_PAGE.replace('TITLE_ASC', 'TITLE_DESC') }]);
    const [first, second] = res.json as [unknown, unknown];
    expect((first as { data?: unknown }).data).toBeDefined();
    expect(expectTypedError({ ...res, json: second }, { code: 'QUERY_TOO_COMPLEX' }).extensions).toMatchObject({ batchTotal: 2 * 40_401 });
  });

  it('observation 2: distinct cacheable ~0.5 MB answers far past CACHE_MAX_BYTES keep the cache within it', async () => {
    const max = await metric(gateway, 'gateway_cache_max_bytes', 'cache="lru"');
    expect(max).toBe(16 * 1024 * 1024);
    // 40 answers of ~0.5 MB (counted ~1 MB each in memory): two and a half times the bound.
    for (let i = 0; i < 40; i++) {
      const query = `query Fill${i} { works(first: 200) { nodes { id title trend(from: 1970, to: 2026) { points { period works citations } } } } }`;
      const res = await postGraphql(gateway.url, { query });
      expect(res.status).toBe(200);
      expect(res.headers['cache-control']).toBe('max-age=300, public');
      if (i % 10 === 9) {
        const bytes = await metric(gateway, 'gateway_cache_bytes', 'cache="lru"');
        expect({ i, withinBound: bytes <= max, filling: bytes > max / 2 }).toEqual({ i, withinBound: true, filling: true });
      }
    }
    // The entries are really there (the bound is not met by caching nothing): the last answer is served from the cache.
    const again = await postGraphql(gateway.url, { query: 'query Fill39 { works(first: 200) { nodes { id title trend(from: 1970, to: 2026) { points { period works citations } } } } }' });
    expect(again.headers['age']).toBeDefined();
  });
});
