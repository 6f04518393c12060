import pino, { type Logger } from 'pino';

/**
 * Structured JSON logs on stdout (pino); every line names the service and the process (replicas share a log stream).
 * Written asynchronously: lines logged while a write is in flight go out together in the next one (one system call
 * for many request lines under load, not one each); pino flushes what is left when the process exits.
 */
export function createLogger(level: string): Logger {
  return pino({ level, base: { service: 'openalex-gateway', pid: process.pid } }, pino.destination({ dest: 1, sync: false }));
}

export type { Logger };
