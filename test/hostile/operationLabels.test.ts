import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestGateway } from '../support/testGateway';
import { expectData, postGraphql, rawRequest } from './support/hostileHttp';
import { startProductionGateway } from './support/productionGateway';

/** The `operation` label values of gateway_http_request_duration_seconds in a /metrics text. */
function operationLabels(metrics: string): Set<string> {
  return new Set([...metrics.matchAll(/^gateway_http_request_duration_seconds_count\{operation="([^"]*)"/gm)].map((m) => m[1] as string));
}

describe('operation labels in /metrics under a flood of made-up operation names (production mode)', () => {
  let gateway: TestGateway;
  let dir: string;
  const run = async (name: string, times = 1) => {
    for (let i = 0; i < times; i++) expectData(await postGraphql(gateway.url, { query: `query ${name} { gateway { version } }` }));
  };
  const labels = async () => operationLabels((await rawRequest(new URL('/metrics', gateway.url).href)).text);

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'hostile-labels-'));
    const documents = path.join(dir, 'persisted-documents.json');
    writeFileSync(documents, JSON.stringify({ 'pinned-1': 'query PinnedWorks { works(first: 1) { totalCount } }' }));
    gateway = await startProductionGateway({ GRAPHQL_PERSISTED_DOCUMENTS: documents });
  });
  afterAll(async () => {
    await gateway?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("keeps a real client's operations labelled through 230 one-off names, reports the rest as other, and labels persisted operations at once", async () => {
    await run('RealWorkPage', 3);
    for (let i = 0; i < 230; i++) await run(`UniqueOp${i}`);
    await run('RealWorkPage');
    expectData(await postGraphql(gateway.url, { query: 'query PinnedWorks { works(first: 1) { totalCount } }' }));
    const seen = await labels();
    expect(seen.has('RealWorkPage')).toBe(true);
    expect(seen.has('PinnedWorks')).toBe(true);
    expect(seen.has('other')).toBe(true);
    expect([...seen].filter((l) => l.startsWith('UniqueOp'))).toHaveLength(199);
  });

  it('labels a real operation that starts after the flood once it is used a few times, and drops the series of the label it replaces', async () => {
    await run('LateRealOp');
    expect((await labels()).has('LateRealOp')).toBe(false);
    await run('LateRealOp', 2);
    const seen = await labels();
    expect(seen.has('LateRealOp')).toBe(true);
    expect(seen.has('RealWorkPage')).toBe(true);
    // One made-up name lost its label, and its series left the registry: 200 labels in all, besides the pinned one.
    expect([...seen].filter((l) => l.startsWith('UniqueOp'))).toHaveLength(198);
  });
});
