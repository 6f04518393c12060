import { seedProgress } from '../../../../src/cli/seedProgress';

function fakeStream(isTTY: boolean): NodeJS.WriteStream & { out: string[] } {
  const out: string[] = [];
  return { isTTY, out, write: (chunk: string) => out.push(chunk) > 0 } as unknown as NodeJS.WriteStream & { out: string[] };
}

describe('seedProgress', () => {
  it('on a TTY redraws one line with records, rate, share read and ETA', () => {
    let t = 0;
    const stream = fakeStream(true);
    const progress = seedProgress(stream, () => t);
    t = 10_000;
    progress.onProgress(250, 1_000, 'corpus.jsonl'); // a quarter read in 10 s: 30 s to go
    progress.onWritten(5_000);
    progress.done();
    expect(stream.out[0]).toMatch(/^\r0 records {2}0\/s {2}25\.0% {2}ETA 30s/);
    expect(stream.out.at(-2)).toMatch(/^\r5,000 records {2}500\/s {2}25\.0% {2}ETA 30s/);
    expect(stream.out.at(-1)).toBe('\n');
  });

  it('without a TTY writes a log line at most every 10 s, and standard input shows MB read instead of an ETA', () => {
    let t = 0;
    const stream = fakeStream(false);
    const progress = seedProgress(stream, () => t);
    t = 10_000;
    progress.onProgress(3_000_000, 0, '-');
    t = 12_000;
    progress.onWritten(1_200); // within 10 s of the last line: not shown
    t = 20_000;
    progress.onWritten(2_000);
    expect(stream.out).toEqual(['seed: 0 records  0/s  3.0 MB read\n', 'seed: 2,000 records  100/s  3.0 MB read\n']);
  });
});
