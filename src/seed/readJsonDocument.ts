import { type Readable } from 'node:stream';

import { JSONParser } from '@streamparser/json';

import { classifyRecord, rejectRecord } from './classifyRecord';
import { errorMessage } from '../core/errorMessage';
import { type OpenAlexInput } from './openAlexInput';
import { MAX_JSON_LINE_BYTES } from './readJsonLines';

// `details` (an author file's author), each element of `works` (its works) or of `results` (an API page);
// `meta` is only watched to recognise an API page whose `results` is empty.
const PATHS = ['$.details', '$.works.*', '$.results.*', '$.meta'];

/**
 * Reads one JSON document from `input` with a streaming parser, never holding the whole document: yields
 * the author of an author file `{details, works}` then each of its works, or each work of an API page
 * `{meta, results}`, each as soon as it is parsed. An element that is not an object or has no OpenAlex id
 * is a rejection and reading goes on; broken JSON syntax (or a read error) yields one rejection for the
 * rest of the file; a document of neither shape yields one rejection. The parser builds each element whole, so
 * more than `maxRecordBytes` (a JSON Lines line's bound) read without an element completing ends the file with one
 * rejection: no element can fill the heap. Destroys `input` when done or abandoned.
 */
export async function* readJsonDocument(input: Readable, file: string, maxRecordBytes = MAX_JSON_LINE_BYTES): AsyncGenerator<OpenAlexInput> {
  // keepStack: false drops each emitted value from its parent, so memory stays flat over a long array.
  const parser = new JSONParser({ paths: PATHS, keepStack: false });
  const parsed: OpenAlexInput[] = [];
  let index = 0;
  let recognised = false;
  let failure: unknown;
  // Bytes read since a chunk in which a value completed (within one chunk of the bytes of the value being built).
  let building = 0;
  let completed = false;
  parser.onValue = ({ value, key, stack }) => {
    recognised = true;
    completed = true;
    if (stack.length === 1 && key === 'meta') return;
    parsed.push(classifyRecord(value, { file, index }));
    index += 1;
  };
  parser.onError = (error) => {
    failure ??= error;
  };
  try {
    for await (const chunk of input) {
      completed = false;
      parser.write(chunk as Buffer);
      building = completed ? 0 : building + (chunk as Buffer).length;
      yield* parsed.splice(0);
      if (failure === undefined && building > maxRecordBytes) failure = new Error(`more than ${maxRecordBytes} bytes without a complete record`);
      if (failure !== undefined) break;
    }
    if (failure === undefined && !parser.isEnded) parser.end();
    yield* parsed.splice(0);
  } catch (error) {
    failure ??= error;
  } finally {
    input.destroy();
  }
  if (failure !== undefined) {
    yield rejectRecord({ file, index }, `invalid JSON, the rest of the file is skipped: ${errorMessage(failure)}`);
  } else if (!recognised) {
    yield rejectRecord({ file, index }, 'not an OpenAlex document: expected {details, works} or {meta, results}');
  }
}
