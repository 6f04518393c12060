import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

import { type CorpusTruth } from './generateCorpus';

/** Bytes gathered before one write: large writes keep the per-line cost low; backpressure is honoured per chunk. */
export const CHUNK_BYTES = 1 << 20;

/** What writeCorpus wrote. */
export interface WrittenCorpus {
  readonly truth: CorpusTruth;
  /** Bytes written (UTF-8), newlines included. */
  readonly bytes: number;
  readonly lines: number;
}

export interface WriteOptions {
  /** About how many bytes go into one write (default CHUNK_BYTES). */
  readonly chunkBytes?: number;
  /** Whether to end `out` after the last line (default true; false for process.stdout). */
  readonly end?: boolean;
}

/** The lines, each followed by a newline, joined into chunks of about `chunkBytes` (UTF-16 units, close enough). */
function* chunksOf(lines: Iterator<string, CorpusTruth, undefined>, chunkBytes: number, done: (truth: CorpusTruth) => void): Generator<string, void, undefined> {
  let chunk: string[] = [];
  let length = 0;
  for (let step = lines.next(); ; step = lines.next()) {
    if (step.done) {
      if (chunk.length > 0) yield chunk.join('');
      done(step.value);
      return;
    }
    chunk.push(step.value, '\n');
    length += step.value.length + 1;
    if (length >= chunkBytes) {
      yield chunk.join('');
      chunk = [];
      length = 0;
    }
  }
}

/**
 * Writes a generated corpus (generateCorpus's lines) to `out` as JSON Lines and resolves with its ground truth once
 * the last line is handed over. Streaming: a line is drawn only when `out` takes more (at most a chunk or two wait
 * for a slow reader), so memory does not grow with the corpus. Rejects with `out`'s error (EPIPE when a reader
 * such as `head` stops reading); the lines not yet drawn are never generated.
 */
export async function writeCorpus(lines: Iterator<string, CorpusTruth, undefined>, out: Writable, options: WriteOptions = {}): Promise<WrittenCorpus> {
  const chunkBytes = options.chunkBytes ?? CHUNK_BYTES;
  let truth: CorpusTruth | undefined;
  let bytes = 0;
  let count = 0;
  const counted = (function* () {
    for (const chunk of chunksOf(lines, chunkBytes, (t) => (truth = t))) {
      bytes += Buffer.byteLength(chunk);
      for (let at = chunk.indexOf('\n'); at !== -1; at = chunk.indexOf('\n', at + 1)) count++;
      yield chunk;
    }
  })();
  // highWaterMark 1 (chunk): the source reads ahead by one chunk at most.
  await pipeline(Readable.from(counted, { highWaterMark: 1 }), out, { end: options.end ?? true });
  if (truth === undefined) throw new Error('the corpus ended before its ground truth');
  return { truth, bytes, lines: count };
}
