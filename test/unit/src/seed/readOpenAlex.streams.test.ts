import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

import { readOpenAlex } from '../../../../src/seed/readOpenAlex';
import { FIXTURES, collect, idOf } from './collect';

const INSTITUTIONS = path.join(FIXTURES, 'snapshot', 'institutions', 'updated_date=2023-09-04', 'part_000');
const PAGE = path.join(FIXTURES, 'api-pages', 'results_page_1.json');

function ids(items: { kind: string; record?: unknown }[]): unknown[] {
  return items.map((item) => (item.kind === 'rejected' ? 'rejected' : idOf(item.record)));
}

describe('readOpenAlex with gzip, progress and early stops', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'seed-reader-'));
    writeFileSync(path.join(dir, 'part_000.gz'), gzipSync(readFileSync(INSTITUTIONS)));
    writeFileSync(path.join(dir, 'page.json.gz'), gzipSync(readFileSync(PAGE)));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('gunzips .gz snapshot parts and documents, yielding what the plain files yield', async () => {
    const plain = await collect(readOpenAlex([INSTITUTIONS, PAGE]));
    const gzipped = await collect(readOpenAlex([path.join(dir, 'part_000.gz'), path.join(dir, 'page.json.gz')]));
    expect(ids(gzipped)).toEqual(ids(plain));
    expect(gzipped.map((item) => item.origin.index)).toEqual(plain.map((item) => item.origin.index));
    expect(gzipped.filter((item) => item.kind === 'rejected')).toHaveLength(1);
  });

  it('turns a corrupt .gz into one rejection and goes on with the next file', async () => {
    writeFileSync(path.join(dir, 'corrupt.jsonl.gz'), 'this is not gzip\n');
    const items = await collect(readOpenAlex([path.join(dir, 'corrupt.jsonl.gz'), PAGE]));
    expect(items[0]).toMatchObject({ kind: 'rejected', origin: { index: 0 }, reason: expect.stringMatching(/^could not read the rest of the file: /) });
    expect(ids(items.slice(1))).toEqual(['https://openalex.org/W3046863325', 'https://openalex.org/W3045921891']);
  });

  it('reports cumulative progress over all files, ending at their total size', async () => {
    const calls: [number, number, string][] = [];
    await collect(readOpenAlex([PAGE, INSTITUTIONS], { onProgress: (...call) => calls.push(call) }));
    const total = readFileSync(PAGE).length + readFileSync(INSTITUTIONS).length;
    expect(calls.every(([, totalBytes]) => totalBytes === total)).toBe(true);
    expect(calls.at(-1)).toEqual([total, total, INSTITUTIONS]);
    expect(calls.find(([, , file]) => file === PAGE)?.[0]).toBeLessThanOrEqual(readFileSync(PAGE).length);
    expect(calls.map(([bytes]) => bytes)).toEqual([...calls.map(([bytes]) => bytes)].sort((a, b) => a - b));
  });

  it('stops cleanly when the consumer stops early', async () => {
    const first: unknown[] = [];
    for await (const item of readOpenAlex([FIXTURES])) {
      first.push(item);
      break;
    }
    expect(first).toHaveLength(1);
    expect(await collect(readOpenAlex([PAGE]))).toHaveLength(2);
  });
});
