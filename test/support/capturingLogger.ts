import { Writable } from 'node:stream';
import pino from 'pino';

/** A pino logger writing JSON lines into `lines` (`flush` lets its stream take what was written). */
export function capturingLogger(): { logger: pino.Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { logger: pino({ level: 'debug' }, stream), lines };
}

/** Lets a capturing logger's stream take what was written. */
export const flush = () => new Promise((resolve) => setImmediate(resolve));
