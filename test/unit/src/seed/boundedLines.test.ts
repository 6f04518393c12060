import { type BoundedLine, boundedLines } from '../../../../src/seed/boundedLines';

async function lines(chunks: Iterable<Buffer | string> | AsyncIterable<Buffer | string>, maxBytes = 1024): Promise<BoundedLine[]> {
  const out: BoundedLine[] = [];
  for await (const line of boundedLines(chunks, maxBytes)) out.push(line);
  return out;
}

describe('boundedLines', () => {
  it('splits at \\n and \\r\\n, keeps blank lines, ends a last line without \\n, adds no line after a final \\n', async () => {
    expect(await lines(['a\r\n\nb\n', 'c'])).toEqual([{ text: 'a' }, { text: '' }, { text: 'b' }, { text: 'c' }]);
    expect(await lines(['a\n'])).toEqual([{ text: 'a' }]);
    expect(await lines([])).toEqual([]);
    expect(await lines([Buffer.alloc(0)])).toEqual([]);
  });

  it('joins a line split across chunks, also inside a multi-byte character', async () => {
    const bytes = Buffer.from('{"t":"é😀ü"}\nnext', 'utf8');
    const pieces = [...bytes].map((byte) => Buffer.from([byte]));
    expect(await lines(pieces)).toEqual([{ text: '{"t":"é😀ü"}' }, { text: 'next' }]);
  });

  it('keeps a line of exactly maxBytes and skips a longer one, counting its bytes, then reads on', async () => {
    expect(await lines(['abcd\nabcde\nok\n'], 4)).toEqual([{ text: 'abcd' }, { tooLong: 5 }, { text: 'ok' }]);
  });

  it('skips a huge line arriving over many chunks without holding it, and a last line with no \\n', async () => {
    const mib = 1024 * 1024;
    async function* stream(): AsyncGenerator<Buffer> {
      yield Buffer.from('first\n');
      for (let i = 0; i < 64; i += 1) yield Buffer.alloc(mib, 0x61);
      yield Buffer.from('\nsecond\n');
      for (let i = 0; i < 8; i += 1) yield Buffer.alloc(mib, 0x62);
    }
    expect(await lines(stream(), mib)).toEqual([{ text: 'first' }, { tooLong: 64 * mib }, { text: 'second' }, { tooLong: 8 * mib }]);
  });
});
