import { createReadStream } from 'node:fs';
import { type Readable, Transform, pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';

function ignore(): void {
  // Errors reach the consumer through the returned stream, which pipeline destroys with them.
}

/**
 * Opens `file` (a path, or an already open stream such as stdin) as a byte stream, gunzipped when `gzip`, calling `onBytes(n)` for every chunk of n bytes
 * read from disk (compressed bytes for a gzip file). Read errors surface on the returned stream;
 * destroying it closes the file.
 */
export function openInputStream(file: string | Readable, gzip: boolean, onBytes: (bytes: number) => void): Readable {
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      onBytes(chunk.length);
      done(null, chunk);
    },
  });
  const source = typeof file === 'string' ? createReadStream(file) : file;
  return gzip ? pipeline(source, counter, createGunzip(), ignore) : pipeline(source, counter, ignore);
}
