import { Writable } from 'node:stream';

import { type CorpusTruth, generateCorpus } from '../../../../bench/corpus/generateCorpus';
import { writeCorpus } from '../../../../bench/corpus/writeCorpus';
import { corpusSample, generateInMemory } from '../../../support/generatedCorpus';

const short = (url: string): string => url.slice(url.lastIndexOf('/') + 1);

/** A writer that takes each chunk a little later (as a slow pipe does) and keeps what it was given. */
class SlowWriter extends Writable {
  readonly chunks: Buffer[] = [];
  constructor(private readonly onWrite: (chunk: Buffer) => void = () => undefined) {
    super({ highWaterMark: 1024 });
  }
  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.onWrite(chunk);
    this.chunks.push(chunk);
    setImmediate(callback);
  }
  text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}

/** The lines of `generateCorpus`, counting how many characters have been drawn from it so far. */
function* counting(lines: Generator<string, CorpusTruth, undefined>, drawn: { chars: number }): Generator<string, CorpusTruth, undefined> {
  for (let step = lines.next(); ; step = lines.next()) {
    if (step.done) return step.value;
    drawn.chars += step.value.length + 1;
    yield step.value;
  }
}

describe('writeCorpus', () => {
  it('writes every line once, in order, newline-terminated, as generateCorpus yields them, and returns the truth', async () => {
    const expected = generateInMemory(300, 7);
    const out = new SlowWriter();
    const written = await writeCorpus(generateCorpus(corpusSample(), { works: 300, seed: 7 }), out, { chunkBytes: 50_000 });
    const text = out.text();
    expect(text).toBe(expected.lines.map((line) => `${line}\n`).join(''));
    expect(written).toEqual({ truth: expected.truth, bytes: Buffer.byteLength(text), lines: 300 });
    expect(out.writableFinished).toBe(true);
    expect(out.chunks.length).toBeGreaterThan(10); // chunked, not one write
  });

  it('draws lines only as fast as the writer takes them: a chunk or two ahead at most', async () => {
    const chunkBytes = 20_000;
    const drawn = { chars: 0 };
    let taken = 0;
    let mostAhead = 0;
    const out = new SlowWriter((chunk) => {
      taken += chunk.toString('utf8').length;
      mostAhead = Math.max(mostAhead, drawn.chars - taken);
    });
    const written = await writeCorpus(counting(generateCorpus(corpusSample(), { works: 400, seed: 3 }), drawn), out, { chunkBytes });
    expect(written.bytes).toBeGreaterThan(100 * chunkBytes);
    // One chunk being written, one read ahead, one being gathered (a chunk overshoots chunkBytes by under a line).
    expect(mostAhead).toBeLessThan(4 * chunkBytes);
  });

  it("writes lines whose recounted in-degrees and hub citers are the returned truth's", async () => {
    const out = new SlowWriter();
    const { truth } = await writeCorpus(generateCorpus(corpusSample(), { works: 500, seed: 11 }), out);
    const works = out
      .text()
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as { id: string; referenced_works: string[] });
    const inDegree = new Map(works.map((w) => [short(w.id), 0]));
    const citersOfHub: string[] = [];
    for (const work of works) {
      for (const ref of work.referenced_works.map(short)) {
        const d = inDegree.get(ref);
        if (d !== undefined) inDegree.set(ref, d + 1);
        if (ref === truth.hub.id) citersOfHub.push(short(work.id));
      }
    }
    expect(truth.inDegrees).toEqual(Object.fromEntries(inDegree));
    expect(Math.max(...inDegree.values())).toBe(truth.hub.inDegree);
    expect(truth.hub.citers[0]?.ids).toEqual(citersOfHub.sort());
  });

  it("rejects with the writer's error and stops drawing lines", async () => {
    const drawn = { chars: 0 };
    const out = new Writable({
      write(_chunk, _encoding, callback) {
        callback(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
      },
    });
    await expect(writeCorpus(counting(generateCorpus(corpusSample(), { works: 2000, seed: 1 }), drawn), out, { chunkBytes: 10_000 })).rejects.toMatchObject({ code: 'EPIPE' });
    expect(drawn.chars).toBeLessThan(100_000);
  });
});
