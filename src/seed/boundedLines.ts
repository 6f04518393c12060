/** One line of a byte stream: its text, or how long it was when it passed the bound (its text is dropped unread). */
export type BoundedLine = { readonly text: string } | { readonly tooLong: number };

/**
 * Splits a byte stream into lines at `\n` (a `\r` before it is dropped), holding at most `maxBytes` of one line:
 * a longer line is not kept — its bytes are counted and skipped up to the next `\n`, and it comes out as
 * `{ tooLong }` — so a huge line, or a file with no newline at all, never lands in memory whole. Bytes are decoded
 * as UTF-8 once a line is complete, so a character split across chunks stays whole. Every line comes out, blank
 * ones too (their index is the line number); a last line without `\n` too, an empty one after a final `\n` not.
 */
export async function* boundedLines(input: AsyncIterable<Buffer | string> | Iterable<Buffer | string>, maxBytes: number): AsyncGenerator<BoundedLine> {
  let parts: Buffer[] = [];
  let size = 0;
  let skipped: number | undefined;
  for await (const chunk of input) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    for (let start = 0; start <= bytes.length; ) {
      const newline = bytes.indexOf(0x0a, start);
      const end = newline === -1 ? bytes.length : newline;
      if (skipped !== undefined) skipped += end - start;
      else if (size + end - start > maxBytes) {
        skipped = size + end - start;
        parts = [];
        size = 0;
      } else if (end > start) {
        parts.push(bytes.subarray(start, end));
        size += end - start;
      }
      if (newline === -1) break;
      yield skipped === undefined ? { text: decodeLine(parts, size) } : { tooLong: skipped };
      parts = [];
      size = 0;
      skipped = undefined;
      start = newline + 1;
    }
  }
  if (skipped !== undefined) yield { tooLong: skipped };
  else if (size > 0) yield { text: decodeLine(parts, size) };
}

/** The UTF-8 text of a line's pieces, without a trailing `\r`. */
function decodeLine(parts: readonly Buffer[], size: number): string {
  const bytes = parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts, size);
  const end = bytes.length > 0 && bytes[bytes.length - 1] === 0x0d ? bytes.length - 1 : bytes.length;
  return bytes.toString('utf8', 0, end);
}
