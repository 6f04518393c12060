import { rejectRecord } from './classifyRecord';
import { listInputFiles } from './listInputFiles';
import { type OpenAlexInput } from './openAlexInput';
import { openInputStream } from './openInputStream';
import { readJsonDocument } from './readJsonDocument';
import { readJsonLines } from './readJsonLines';

/** Progress callback: bytes read so far over all files, the total size of all files, the file being read. */
export type ReadProgress = (bytesRead: number, totalBytes: number, file: string) => void;

/** Options of `readOpenAlex`. */
export interface ReadOpenAlexOptions {
  /** Called as bytes are read from disk (compressed bytes for `.gz`), and once at the end of each file. */
  onProgress?: ReadProgress;
}

/**
 * Streams OpenAlex entities out of `paths` (files, or directories walked recursively for `*.json`,
 * `*.jsonl`, `*.ndjson` and snapshot `part_*` files, each optionally `.gz`), file after file, in order:
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
    if (file.format === undefined) {
      yield rejectRecord(
        { file: file.path, index: 0 },
        'not an OpenAlex file: expected *.json, *.jsonl, *.ndjson or part_* (optionally .gz)',
      );
    } else {
      let bytesInFile = 0;
      const input = openInputStream(file.path, file.format.gzip, (bytes) => {
        bytesInFile += bytes;
        onProgress?.(bytesBefore + bytesInFile, totalBytes, file.path);
      });
      const read = file.format.format === 'json-lines' ? readJsonLines : readJsonDocument;
      yield* read(input, file.path);
    }
    bytesBefore += file.size;
    onProgress?.(bytesBefore, totalBytes, file.path);
  }
}
