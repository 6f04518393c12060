import { Writable } from 'node:stream';
import pino from 'pino';
import type { LogLine } from '../../support/gatewayProcess';

/** A pino logger like the gateway's (JSON lines), whose lines land in `lines` instead of stdout. */
export function capturedLogger(level = 'info'): { logger: pino.Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim() !== '') lines.push(JSON.parse(line) as LogLine);
      done();
    },
  });
  return { logger: pino({ level, base: { service: 'openalex-gateway' } }, stream), lines };
}
