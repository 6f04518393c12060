import { type Readable } from 'node:stream';

import { rejectRecord } from './classifyRecord';
import { listInputFiles, STDIN_PATH } from './listInputFiles';
import { type OpenAlexInput } from './openAlexInput';
import { openInputStream } from './openInputStream';
import { readJsonDocument } from './readJsonDocument';
import { readJsonLines } from './readJsonLines';

/**
 * Progress callback: bytes read so far over all files, the total size of all files (standard input, whose size is
 * unknown, counts as 0 there but its bytes count as read), the file being read.
 */
export type ReadProgress = (bytesRead: number, totalBytes: number, file: string) => void;

/** Options of `readOpenAlex`. */
export interface ReadOpenAlexOptions {
  /** Called as bytes are read from disk (compressed bytes for `.gz`), and once at the end of each file. */
  onProgress?: ReadProgress;
  /** What `-` reads (default: process.stdin). */
  stdin?: Readable;
}

/**
 * Streams OpenAlex entities out of `paths` (files, or directories walked recursively for `*.json`,
 * `*.jsonl`, `*.ndjson` and snapshot `part_*` files, each optionally `.gz`; `-` is standard input, read as
 * JSON Lines and counted as 0 bytes in `totalBytes`), file after file, in order:
 * author files `{details, works}` yield the author then its works, API pages `{meta, results}` their
 * works, JSON Lines one entity per line. Each entity comes with its kind (from its id) and origin; what
 * cannot be read becomes a `rejected` item and reading goes on (a file of unknown type is one rejection).
 * Records are yielded as parsed, never altered. Throws before yielding anything if a path does not exist.
 */
export async function* readOpenAlex(paths: string[], options: ReadOpenAlexOptions = {}): AsyncGenerator<OpenAlexInput> {
  const { onProgress } = options;
  const files = await listInputFiles(paths);
  const totalBytes = files.reduce((sum, file) => sum + file.size, 0);
  let bytesBefore = 0;
  for (const file of files) {
    let bytesInFile = 0;
    if (file.format === undefined) {
      yield rejectRecord(
        { file: file.path, index: 0 },
        'not an OpenAlex file: expected *.json, *.jsonl, *.ndjson or part_* (optionally .gz)',
      );
    } else {
      const source = file.path === STDIN_PATH ? (options.stdin ?? process.stdin) : file.path;
      const input = openInputStream(source, file.format.gzip, (bytes) => {
        bytesInFile += bytes;
        onProgress?.(bytesBefore + bytesInFile, totalBytes, file.path);
      });
      const read = file.format.format === 'json-lines' ? readJsonLines : readJsonDocument;
      yield* read(input, file.path);
    }
    // Standard input has no size: what was read from it counts instead, so bytesRead never goes back.
    bytesBefore += file.path === STDIN_PATH ? bytesInFile : file.size;
    onProgress?.(bytesBefore, totalBytes, file.path);
  }
}
