import { type Readable } from 'node:stream';
import { createInterface } from 'node:readline';

import { classifyRecord, rejectRecord } from './classifyRecord';
import { errorMessage } from '../core/errorMessage';
import { type OpenAlexInput } from './openAlexInput';

/**
 * Reads JSON Lines (one OpenAlex entity per line, the snapshot format) from `input` line by line, yielding
 * each line's entity, or a rejection for a line that is not valid JSON or has no OpenAlex id; blank lines
 * are skipped. A read error (e.g. corrupt gzip) yields one last rejection instead of throwing. Destroys
 * `input` when done or abandoned. `file` is only used for origins.
 */
export async function* readJsonLines(input: Readable, file: string): AsyncGenerator<OpenAlexInput> {
  const lines = createInterface({ input, crlfDelay: Infinity });
  let index = -1;
  try {
    for await (const raw of lines) {
      index += 1;
      const line = index === 0 ? raw.replace(/^\uFEFF/, '') : raw;
      if (line.trim() === '') continue;
      const origin = { file, index };
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
    lines.close();
    input.destroy();
  }
}
