import { type Readable } from 'node:stream';

import { boundedLines } from './boundedLines';
import { classifyRecord, rejectRecord } from './classifyRecord';
import { errorMessage } from '../core/errorMessage';
import { type OpenAlexInput } from './openAlexInput';

/**
 * The longest line read (16 MiB): the largest real OpenAlex records are a few MB (a work with thousands of
 * authors); a longer line is rejected unread, so one line can never fill the heap.
 */
export const MAX_JSON_LINE_BYTES = 16 * 1024 * 1024;

/**
 * Reads JSON Lines (one OpenAlex entity per line, the snapshot format) from `input` line by line, yielding
 * each line's entity, or a rejection for a line that is not valid JSON, has no OpenAlex id or is longer than
 * `maxLineBytes`; blank lines are skipped, `\r\n` ends a line as `\n` does, a leading byte-order mark is
 * dropped. A read error (e.g. corrupt gzip) yields one last rejection instead of throwing. Destroys `input`
 * when done or abandoned. `file` is only used for origins.
 */
export async function* readJsonLines(input: Readable, file: string, maxLineBytes = MAX_JSON_LINE_BYTES): AsyncGenerator<OpenAlexInput> {
  let index = -1;
  try {
    for await (const read of boundedLines(input, maxLineBytes)) {
      index += 1;
      const origin = { file, index };
      if ('tooLong' in read) {
        yield rejectRecord(origin, `line is ${read.tooLong} bytes, longer than the ${maxLineBytes} a record may be`);
        continue;
      }
      const line = index === 0 ? read.text.replace(/^\uFEFF/, '') : read.text;
      if (line.trim() === '') continue;
      let record: unknown;
      try {
        record = JSON.parse(line);
      } catch (error) {
        yield rejectRecord(origin, `invalid JSON: ${errorMessage(error)}`);
        continue;
      }
      yield classifyRecord(record, origin);
    }
  } catch (error) {
    yield rejectRecord({ file, index: index + 1 }, `could not read the rest of the file: ${errorMessage(error)}`);
  } finally {
    input.destroy();
  }
}
