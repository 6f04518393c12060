import { sampleGroundTruth } from '../support/sampleGroundTruth';
import { startTestGateway, type TestGateway } from '../support/testGateway';

interface Raw {
  status: number;
  cacheControl: string | null;
  bytes: number;
  body: unknown;
}

async function post(gateway: TestGateway, body: unknown): Promise<Raw> {
  const res = await fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, cacheControl: res.headers.get('cache-control'), bytes: Buffer.byteLength(text), body: JSON.parse(text) };
}

const LIMIT = 64 * 1024;
const PAGE = '{ works(first: 200) { nodes { id title abstract referencedWorkIds } } }';

describe('the response budget (GRAPHQL_MAX_RESPONSE_BYTES, the deadline during execution)', () => {
  let gateway: TestGateway;
  const truth = sampleGroundTruth();
  // What the page above really holds, computed from the sample: far more than the limit.
  const pageBytes = JSON.stringify(
    [...truth.works.values()].slice(0, 200).map((w) => ({ id: w.id, title: w.title, abstract: w.abstract, referencedWorkIds: w.referencedWorkIds })),
  ).length;

  beforeAll(async () => {
    gateway = await startTestGateway({ GRAPHQL_MAX_RESPONSE_BYTES: String(LIMIT) });
  });
  afterAll(() => gateway.stop());

  it('answers a response that would pass the limit with RESPONSE_TOO_LARGE alone: no partial data, not cached', async () => {
    expect(pageBytes).toBeGreaterThan(4 * LIMIT);
    const res = await post(gateway, { query: PAGE });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      data: null,
      errors: [{ message: expect.stringContaining(`larger than the limit of ${LIMIT} bytes`), extensions: { code: 'RESPONSE_TOO_LARGE', limit: LIMIT } }],
    });
    expect(res.bytes).toBeLessThan(1_000);
    expect(res.cacheControl).toBe('no-store');
  });

  it('answers whatever fits: a smaller page of the same fields', async () => {
    const res = await post(gateway, { query: '{ works(first: 5) { nodes { id title } } }' });
    expect(res.body).toEqual({ data: { works: { nodes: expect.any(Array) } } });
  });

  it('shares the limit between the operations of a batch: the one that passes it gets the error', async () => {
    // Each operation named apart, so that none is answered from the response cache.
    const part = (i: number) => `query Part${i} { works(first: 200) { nodes { id title } } }`;
    const single = (await post(gateway, { query: part(99) })).bytes;
    const batch = Math.ceil(LIMIT / single) + 1;
    expect(single).toBeLessThan(LIMIT);
    const res = await post(gateway, Array.from({ length: batch }, (_, i) => ({ query: part(i) })));
    const codes = (res.body as { errors?: { extensions: { code: string } }[] }[]).map((r) => r.errors?.[0]?.extensions.code ?? 'ok');
    expect(codes).toContain('ok');
    expect(codes).toContain('RESPONSE_TOO_LARGE');
  });
});

describe('the response size estimate is the JSON size, within 10 %', () => {
  const truth = sampleGroundTruth();
  const page = '{ works(first: 200, sort: [TITLE_ASC]) { nodes { id title abstract referencedWorkIds citedByCount publicationYear } } }';
  let actual = 0;

  it.each([
    ['answers under a limit 10 % above its size', 1.1, 'data'],
    ['refuses under a limit 10 % below it', 0.9, 'RESPONSE_TOO_LARGE'],
  ])('%s', async (_what, factor, outcome) => {
    if (actual === 0) {
      const probe = await startTestGateway({ GRAPHQL_MAX_RESPONSE_BYTES: '64mb' });
      try {
        actual = (await post(probe, { query: page })).bytes;
      } finally {
        await probe.stop();
      }
      expect(actual).toBeGreaterThan(truth.works.size * 100);
    }
    const gateway = await startTestGateway({ GRAPHQL_MAX_RESPONSE_BYTES: String(Math.round(actual * factor)) });
    try {
      const res = await post(gateway, { query: page });
      const body = res.body as { data?: unknown; errors?: { extensions: { code: string } }[] };
      expect(body.errors?.[0]?.extensions.code ?? 'data').toBe(outcome);
    } finally {
      await gateway.stop();
    }
  });
});

describe('the request deadline covers execution', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway({ GRAPHQL_REQUEST_TIMEOUT_MS: '30', GRAPHQL_MAX_RESPONSE_BYTES: '64mb' });
  });
  afterAll(() => gateway.stop());

  it('answers REQUEST_TIMEOUT alone when execution runs past it, whatever was already resolved', async () => {
    // A page of 200 works with 200 years of trend each: 120,000 fields, far longer to resolve than 30 ms.
    const res = await post(gateway, { query: '{ works(first: 200) { nodes { id trend(from: 1800, to: 1999) { points { period works citations } } } } }' });
    expect(res.body).toEqual({ data: null, errors: [expect.objectContaining({ extensions: { code: 'REQUEST_TIMEOUT', timeoutMs: 30 } })] });
  });
});
