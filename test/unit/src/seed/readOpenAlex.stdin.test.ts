import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';

import { listInputFiles, STDIN_PATH } from '../../../../src/seed/listInputFiles';
import { readOpenAlex } from '../../../../src/seed/readOpenAlex';
import { SAMPLE, collect, idOf } from './collect';

const WORKS_JSONL = path.join(SAMPLE, 'works', 'unattached-bylines.jsonl');

/** Standard input as the seed CLI sees it behind a pipe: the bytes in small chunks, split anywhere. */
function pipedStdin(bytes: Buffer, chunkSize = 1000): Readable {
  const chunks: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += chunkSize) chunks.push(bytes.subarray(at, at + chunkSize));
  return Readable.from(chunks);
}

describe('readOpenAlex reading standard input (`-`)', () => {
  it('lists `-` once, as JSON Lines of unknown size, in its place among the other paths', async () => {
    const files = await listInputFiles([STDIN_PATH, WORKS_JSONL, STDIN_PATH]);
    expect(files).toEqual([
      { path: STDIN_PATH, size: 0, format: { format: 'json-lines', gzip: false } },
      { path: WORKS_JSONL, size: readFileSync(WORKS_JSONL).length, format: { format: 'json-lines', gzip: false } },
    ]);
  });

  it('yields what the same JSON Lines yield from a file, with `-` as the origin', async () => {
    const bytes = readFileSync(WORKS_JSONL);
    const fromFile = await collect(readOpenAlex([WORKS_JSONL]));
    const fromStdin = await collect(readOpenAlex([STDIN_PATH], { stdin: pipedStdin(bytes) }));
    expect(fromFile.length).toBeGreaterThan(0);
    expect(fromStdin.map((item) => [item.kind, item.origin.index, 'record' in item ? idOf(item.record) : undefined])).toEqual(
      fromFile.map((item) => [item.kind, item.origin.index, 'record' in item ? idOf(item.record) : undefined]),
    );
    expect(new Set(fromStdin.map((item) => item.origin.file))).toEqual(new Set([STDIN_PATH]));
  });

  it('rejects a broken line from standard input and goes on, then reads the next path', async () => {
    const [line] = readFileSync(WORKS_JSONL, 'utf8').split('\n');
    const stdin = pipedStdin(Buffer.from(`{"id": "https://openalex.org/W1", "title": "cut\n${line}\n`), 7);
    const items = await collect(readOpenAlex([STDIN_PATH, WORKS_JSONL], { stdin }));
    expect(items[0]).toMatchObject({ kind: 'rejected', origin: { file: STDIN_PATH, index: 0 }, reason: expect.stringMatching(/^invalid JSON: /) });
    expect(items[1]).toMatchObject({ kind: 'work', origin: { file: STDIN_PATH, index: 1 } });
    expect(items.slice(2).every((item) => item.origin.file === WORKS_JSONL)).toBe(true);
  });

  it('counts the bytes read from standard input in the progress, which never goes back', async () => {
    const bytes = readFileSync(WORKS_JSONL);
    const calls: [number, number, string][] = [];
    await collect(readOpenAlex([STDIN_PATH, WORKS_JSONL], { stdin: pipedStdin(bytes), onProgress: (...call) => calls.push(call) }));
    expect(calls.every(([, total]) => total === bytes.length)).toBe(true);
    expect(calls.filter(([, , file]) => file === STDIN_PATH).at(-1)?.[0]).toBe(bytes.length);
    expect(calls.at(-1)).toEqual([2 * bytes.length, bytes.length, WORKS_JSONL]);
    expect(calls.map(([read]) => read)).toEqual([...calls.map(([read]) => read)].sort((a, b) => a - b));
  });
});
