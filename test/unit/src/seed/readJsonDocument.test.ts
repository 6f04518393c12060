import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';

import { readJsonDocument } from '../../../../src/seed/readJsonDocument';
import { readJsonLines } from '../../../../src/seed/readJsonLines';
import { FIXTURES, collect, idOf } from './collect';

function chunks(bytes: Buffer, size: number): Buffer[] {
  const out: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += size) out.push(bytes.subarray(at, at + size));
  return out;
}

describe('readJsonDocument', () => {
  it('yields the same records whatever the chunking, even inside multi-byte characters', async () => {
    const text = JSON.stringify({
      meta: { count: 2 },
      results: [
        { id: 'https://openalex.org/W1', title: 'Użytków Zielonych — é 漢字 😀', n: -1.5e-7 },
        { id: 'https://openalex.org/W2', title: 'escapes \\ " \n \u00e9' },
      ],
    });
    const expected = (JSON.parse(text) as { results: unknown[] }).results;
    for (const size of [1, 2, 3, 7, 64, text.length]) {
      const items = await collect(readJsonDocument(Readable.from(chunks(Buffer.from(text), size)), 'page.json'));
      expect(items.map((item) => item.kind !== 'rejected' && item.record)).toEqual(expected);
    }
  });

  it('reads a pretty-printed author file byte by byte', async () => {
    const file = path.join(FIXTURES, 'authors', 'A5025816670.json');
    const items = await collect(readJsonDocument(Readable.from(chunks(readFileSync(file), 1)), file));
    expect(items.map((item) => item.kind)).toEqual(['author', 'work', 'rejected', 'work']);
  });

  it('streams: the first work comes out long before the document has been read', async () => {
    const works = Array.from({ length: 200 }, (_, i) => JSON.stringify({ id: `https://openalex.org/W${i + 1}`, title: 'x'.repeat(100) }));
    let pulled = 0;
    async function* source(): AsyncGenerator<Buffer> {
      const parts = ['{"meta":{"count":200},"results":[', ...works.map((work, i) => (i === 0 ? work : `,${work}`)), ']}'];
      for (const part of parts) {
        pulled += 1;
        yield Buffer.from(part);
      }
    }
    const reader = readJsonDocument(Readable.from(source()), 'page.json');
    const first = await reader.next();
    expect(first.value).toMatchObject({ kind: 'work', origin: { index: 0 } });
    expect(pulled).toBeLessThan(20);
    await reader.return(undefined);
  });

  it('rejects non-object elements and goes on', async () => {
    const text = '{"details":null,"works":[1,"W2",{"id":"https://openalex.org/P1"},{"id":"https://openalex.org/W3"}]}';
    const items = await collect(readJsonDocument(Readable.from([Buffer.from(text)]), 'author.json'));
    expect(items.map((item) => (item.kind === 'rejected' ? item.reason : idOf(item.record)))).toEqual([
      'not a JSON object: null',
      'not a JSON object: 1',
      'not a JSON object: "W2"',
      expect.stringContaining('"https://openalex.org/P1" is not an OpenAlex'),
      'https://openalex.org/W3',
    ]);
  });

  it('rejects the rest of a file whose syntax breaks, keeping what came before', async () => {
    const text = '{"results":[{"id":"https://openalex.org/W1"} {"id":"https://openalex.org/W2"}]}';
    const items = await collect(readJsonDocument(Readable.from([Buffer.from(text)]), 'page.json'));
    expect(items).toEqual([
      { kind: 'work', record: { id: 'https://openalex.org/W1' }, origin: { file: 'page.json', index: 0 } },
      { kind: 'rejected', origin: { file: 'page.json', index: 1 }, reason: expect.stringMatching(/^invalid JSON, the rest of the file is skipped: /) },
    ]);
  });

  it('accepts an API page with no results, and rejects a document of another shape', async () => {
    const empty = await collect(readJsonDocument(Readable.from([Buffer.from('{"meta":{"count":0},"results":[]}\n')]), 'empty.json'));
    expect(empty).toEqual([]);
    const other = await collect(readJsonDocument(Readable.from([Buffer.from('[{"id":"https://openalex.org/W1"}]')]), 'list.json'));
    expect(other).toEqual([{ kind: 'rejected', origin: { file: 'list.json', index: 0 }, reason: expect.stringMatching(/^not an OpenAlex document/) }]);
  });

  it('destroys its input when the consumer stops early', async () => {
    const input = Readable.from([Buffer.from('{"results":[{"id":"https://openalex.org/W1"},{"id":"https://openalex.org/W2"}]}')]);
    for await (const item of readJsonDocument(input, 'page.json')) {
      expect(item.kind).toBe('work');
      break;
    }
    expect(input.destroyed).toBe(true);
  });
});

describe('readJsonLines', () => {
  it('reads CRLF lines and a leading byte-order mark, skipping blank lines', async () => {
    const text = '\uFEFF{"id":"https://openalex.org/I1"}\r\n\r\n{"id":"https://openalex.org/S2"}\r\n';
    const items = await collect(readJsonLines(Readable.from([Buffer.from(text)]), 'x.jsonl'));
    expect(items.map((item) => [item.origin.index, item.kind])).toEqual([
      [0, 'institution'],
      [2, 'source'],
    ]);
  });

  it('rejects a malformed line and a line without an id, reading the rest', async () => {
    const text = '{"id":"https://openalex.org/T1"}\n{"id": "https://openalex.org/I2"\n{"display_name":"no id"}\n{"id":"https://openalex.org/A4"}';
    const items = await collect(readJsonLines(Readable.from([Buffer.from(text)]), 'x.jsonl'));
    expect(items.map((item) => (item.kind === 'rejected' ? `${item.origin.index}: ${item.reason}` : item.kind))).toEqual([
      'topic',
      expect.stringMatching(/^1: invalid JSON: /),
      '2: record has no "id"',
      'author',
    ]);
  });

  it('rejects a line longer than the bound with its length, reading the next one', async () => {
    const long = `{"id":"https://openalex.org/W1","title":"${'x'.repeat(100)}"}`;
    const text = `${long}\n{"id":"https://openalex.org/W2"}\n`;
    const items = await collect(readJsonLines(Readable.from([Buffer.from(text)]), 'x.jsonl', 64));
    expect(items.map((item) => (item.kind === 'rejected' ? `${item.origin.index}: ${item.reason}` : `${item.origin.index}: ${item.kind}`))).toEqual([
      `0: line is ${long.length} bytes, longer than the 64 a record may be`,
      '1: work',
    ]);
  });

  it('destroys its input when the consumer stops early', async () => {
    const input = Readable.from([Buffer.from('{"id":"https://openalex.org/W1"}\n{"id":"https://openalex.org/W2"}\n')]);
    for await (const item of readJsonLines(input, 'x.jsonl')) {
      expect(item.kind).toBe('work');
      break;
    }
    expect(input.destroyed).toBe(true);
  });

  describe('bounded by maxRecordBytes', () => {
    const work = (i: number, size: number) => JSON.stringify({ id: `https://openalex.org/W${i}`, title: 'x'.repeat(size) });

    it('reads any number of elements each under the bound, however long the document', async () => {
      const text = `{"meta":{"count":300},"results":[${Array.from({ length: 300 }, (_, i) => work(i + 1, 400)).join(',')}]}`;
      expect(text.length).toBeGreaterThan(100 * 1_000);
      const items = await collect(readJsonDocument(Readable.from(chunks(Buffer.from(text), 256)), 'page.json', 1_000));
      expect(items.map((item) => item.kind)).toEqual(Array(300).fill('work'));
    });

    it('ends the file with one rejection at an element over the bound, without reading the rest', async () => {
      let pulled = 0;
      const parts = ['{"meta":{"count":3},"results":[', work(1, 100), ',', work(2, 50_000), ',', work(3, 100), ']}'];
      async function* source(): AsyncGenerator<Buffer> {
        for (const part of parts) {
          for (const piece of chunks(Buffer.from(part), 256)) {
            pulled += piece.length;
            yield piece;
          }
        }
      }
      const items = await collect(readJsonDocument(Readable.from(source()), 'page.json', 1_000));
      expect(items.map((item) => item.kind)).toEqual(['work', 'rejected']);
      expect(items[1]).toMatchObject({ origin: { file: 'page.json', index: 1 }, reason: expect.stringMatching(/more than 1000 bytes without a complete record/) });
      expect(pulled).toBeLessThan(3_000);
    });
  });
});
